"""Generator of the public record of inspections of Wales's children's social services."""
