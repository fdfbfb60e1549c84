#if canImport(Glibc)
  import Glibc
#endif

exit(Hookbench.main(Array(CommandLine.arguments.dropFirst())))
