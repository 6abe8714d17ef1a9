/** Texts of the command-line linter (English; translations in the l10n bundle). */
export const CLI_MESSAGES = {
  usage:
    'Usage: marathon-lint [--format stylish|json|sarif] [--fix] [--locale en|zh-cn] [--config settings.json] [--rule id=severity] <files or folders>',
  help: 'Checks Marathon (DC/OS) app, pod and group definitions with the rules of the marathon-vscode language server.\n\n  --format stylish|json|sarif  output format (default: stylish; sarif is SARIF 2.1.0)\n  --fix                        apply the safe fixes to the files, then report what is left\n  --locale en|zh-cn            language of the messages (default: from LANG)\n  --config FILE                settings in the format of the "marathon" section of VS Code\n  --rule ID=SEVERITY           set a rule to error, warning, information, hint or off\n\nFolders are searched for Marathon definitions; files given by name are always checked.\nExit status: 0 without errors, 1 with errors, 2 for usage or I/O problems.',
  unknownOption: 'Unknown option: {option}',
  missingValue: 'Option {option} needs a value.',
  badFormat: 'Unknown format "{format}": use stylish, json or sarif.',
  badLocale: 'Unknown locale "{locale}": use en or zh-cn.',
  badRule: 'Invalid --rule "{rule}": use ID=error|warning|information|hint|off.',
  noInput: 'No files or folders given.',
  notFound: 'No such file or folder: {path}',
  unreadable: 'Cannot read {path}: {reason}',
  badConfig: 'Cannot read the settings file {path}: {reason}',
  noDefinitions: 'No Marathon definitions found.',
  summary: '{problems} problems ({errors} errors, {warnings} warnings, {infos} other)',
  clean: '{files} files checked, no problems.',
  fixed: 'fixed {count} problems: {rules}',
  unfixed:
    'Not fixed: the {count} problems listed, which have no fix that is safe to apply without a choice.',
  cannotWrite: 'Cannot write {path}: {reason}',
  error: 'error',
  warning: 'warning',
  information: 'info',
  hint: 'hint',
} as const;
