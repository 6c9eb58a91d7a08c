"""The rule registry: rule packs loaded and validated from YAML, selection, message templates and
each rule's generated documentation."""
