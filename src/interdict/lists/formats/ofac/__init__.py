"""OFAC's lists: the legacy CSV trio (SDN/ADD/ALT) and the classic sdnList XML.

`sdn_csv` and `sdn_xml` are the two parsers; `rows`, `entity`, `remarks`, `labels`,
`prose`, `values` read the CSV's rows and free-text remarks, `ids` the XML's idList.
"""
