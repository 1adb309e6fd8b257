"""The editors' tools: the field guide, the records' JSON Schemas, scaffolds, the preview."""
