// The tool's own version, for the report and --version; kept in step with package.json by a test.
export const TOOL_VERSION = '0.1.0';
