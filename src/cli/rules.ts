// `mercia rules 903 --year Y`: the SSDA903 rules Mercia checks for a collection year. Opens no database.

/** Prints the catalogue; false (exit code 1) when the year is not understood. */
export function rulesCommand(options: { year: string; format: string }): boolean {
  void options;
  return false;
}
