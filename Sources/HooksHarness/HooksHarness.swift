// The HooksHarness module. Its files are listed in docs/architecture.md.
