"""The list file formats Interdict reads: one package per publisher's format.

`un/`, `ofac/`, `uk/` and `ftm/` each hold one format's parser (a `ListSource`) and
the helpers only that format needs. The modules beside them are shared by several
formats: `xml_file` (safe XML reading, truncation detected), `delimited` (strict CSV
reading), `alias_text` (alias fields that pack several names) and `scripts` (the
writing system of a name). Formats register in `interdict.lists.registry`.
"""
