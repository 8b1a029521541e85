/** The key of the "export started" message (teachers, practice duty, workbooks). When a job
 * ends, the header's jobs button takes that message down before its "done" notice shows: on a
 * phone both sit at the top of the screen, and the done notice covered the started one. */
export const JOB_STARTED_MESSAGE_KEY = 'job-started';
