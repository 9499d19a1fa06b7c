import ArgumentParser
import FormworkCLI

FormworkCommand.main()
