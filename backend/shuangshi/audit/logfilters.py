"""Keep personal data out of server logs: mask resident ID numbers in every record."""

import logging
import re

from shuangshi.common.idnumbers import mask_id_number

# 18 characters: 17 digits and a digit or X, not part of a longer run of digits.
ID_NUMBER = re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9Xx])")


def mask_text(text: str) -> str:
    return ID_NUMBER.sub(lambda m: mask_id_number(m.group(0)), text)


class MaskIdNumbers(logging.Filter):
    """Rewrites the message (and any traceback) with ID numbers masked; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_text(message)
        if masked != message:
            record.msg, record.args = masked, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_text(record.exc_text)
        return True
