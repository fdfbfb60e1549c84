// The HooksHTTP module. Its files are listed in docs/architecture.md.
