"""The merge stage."""
