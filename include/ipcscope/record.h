/*
 * Recordings: --record FILE writes a first line that says what was run,
 * then every snapshot as the JSON line --json prints, timed ("ms"). The
 * replay face reads them back (recording_open), never the kernel.
 *
 *   {"ipcscope_recording":1,"version":"0.1.0","transport":"sysv-shm",
 *    "slots":8,"producers":1,"consumers":1,"item_size":64,
 *    "argv":["ipcscope","--record","x.jsonl"],"kernel":"6.18.44",
 *    "time":"2026-11-27T13:50:00Z"}
 */
#ifndef IPCSCOPE_RECORD_H
#define IPCSCOPE_RECORD_H

#include <stddef.h>

#include "config.h"
#include "snapshot.h"

#define RECORDING_FORMAT	1

struct recorder;

/* Create path (truncating it) and write the first line; NULL with one
 * line in err. argv is the command line, as main() was given it. */
struct recorder	*record_open(const char *path, const struct config *,
		    char *const argv[], char *err, size_t errlen);
/* One snapshot, timed. 0, or -1 once a write has failed (see
 * record_close); the snapshots after it are not written. */
int		 record_write(struct recorder *, const struct snapshot *);
/* Close; 0, or -1 with one line in err if any write failed. */
int		 record_close(struct recorder *, char *err, size_t errlen);

struct recording;

/* Open a recording and check every line is a snapshot this version can
 * read; NULL with "FILE line N: what was wrong" in err. */
struct recording *recording_open(const char *path, char *err, size_t errlen);
/* Snapshots in it (the first line, the header, not counted). */
size_t		 recording_len(const struct recording *);
/* Snapshot i (0-based) into snap; 0, or -1 with the reason in err. */
int		 recording_get(const struct recording *, size_t i,
		    struct snapshot *, char *err, size_t errlen);
/* Line i as written, and its length (no newline). */
const char	*recording_line(const struct recording *, size_t i, size_t *len);
void		 recording_close(struct recording *);

#endif
