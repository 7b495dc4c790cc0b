"""One report model rendered as terminal text, markdown or JSON."""
