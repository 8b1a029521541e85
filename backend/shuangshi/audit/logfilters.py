"""Keep personal data out of server logs: mask resident ID numbers in every record."""

import logging

from shuangshi.common.idnumbers import mask_id_text

mask_text = mask_id_text  # the one helper: ID-shaped runs of 15-18 characters


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
