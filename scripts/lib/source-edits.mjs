// Exact text edits to dependencies' modules as they are bundled, for build-time trims that the
// libraries offer no option for. An edit whose text is no longer found (the dependency changed)
// is skipped with a build warning that says what comes back, never a silent mismatch.

/**
 * A Vite plugin applying `edits` ({ file: path suffix, find, replace }) to the matching modules.
 * `changed(edit)` words the warning when an edit's text is not found.
 */
export function sourceEdits(name, edits, changed) {
  return {
    name,
    enforce: "pre",
    transform(code, id) {
      const path = id.replaceAll("\\", "/");
      const mine = edits.filter((edit) => path.endsWith(edit.file));
      if (!mine.length) return null;
      let edited = code;
      for (const edit of mine) {
        if (!edited.includes(edit.find)) {
          this.warn(changed(edit));
          continue;
        }
        edited = edited.replace(edit.find, edit.replace);
      }
      return { code: edited, map: null };
    },
  };
}
