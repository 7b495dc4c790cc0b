"""Flyway's migration checksum, computed the way Flyway computes it.

Flyway (``LoadableResource``/``ChecksumCalculator`` in flyway-core) reads the script with a
``BufferedReader``, strips a byte-order mark from the first line, and feeds each line's UTF-8
bytes, without its line terminator, to one ``java.util.zip.CRC32``; ``flyway_schema_history``
stores ``(int) crc32.getValue()``, i.e. the CRC-32 as a signed 32-bit integer. So the checksum
ignores line endings (LF, CRLF, CR) and whether the file ends with one, but not any other byte.

Worked example (also a test): the text ``"1234\\r\\n56789\\n"`` has the lines ``1234`` and
``56789``, so the CRC runs over ``123456789``, whose CRC-32 is the algorithm's published check
value 0xCBF43926; as a signed int that is 0xCBF43926 - 2**32 = -873187034.
"""

from __future__ import annotations

import re
import zlib

_BOM = "\ufeff"
# BufferedReader.readLine ends a line at \n, \r or \r\n (and at nothing else: not \f, \v, U+2028...).
_LINE_END = re.compile(r"\r\n|\r|\n")


def java_lines(text: str) -> list[str]:
    """The lines ``BufferedReader.readLine`` returns for ``text``."""
    if not text:
        return []
    lines = _LINE_END.split(text)
    if lines[-1] == "":  # a final terminator does not start another line
        lines.pop()
    return lines


def flyway_checksum(text: str) -> int:
    """The checksum Flyway records for a migration script whose content is ``text``."""
    crc = 0
    for number, line in enumerate(java_lines(text)):
        if number == 0 and line.startswith(_BOM):
            line = line[1:]
        crc = zlib.crc32(line.encode("utf-8"), crc)
    return crc - (1 << 32) if crc >= 1 << 31 else crc
