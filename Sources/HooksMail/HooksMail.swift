// The HooksMail module. Its files are listed in docs/architecture.md.
