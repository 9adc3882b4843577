import Foundation
import StrataCommands

exit(await StrataCLI.run(Array(CommandLine.arguments.dropFirst())))
