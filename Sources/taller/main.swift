import CLI
Taller.exit(Taller.main(Array(CommandLine.arguments.dropFirst())))
