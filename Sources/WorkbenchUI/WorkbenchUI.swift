// The WorkbenchUI module. Its files are listed in docs/architecture.md.
