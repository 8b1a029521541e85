"""`job_finished(sender, job)`: sent when a job that a user started ends (succeeded or failed).

`sender` is the Job class; `job.status`, `job.message`, `job.owner` say what happened.
Receivers must not raise: the job's outcome is already stored when this is sent.
"""

from django.dispatch import Signal

job_finished = Signal()
