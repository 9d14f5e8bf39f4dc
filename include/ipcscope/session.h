/*
 * The session: one run of the demo. It owns every kernel object, the board
 * and the workers; the TUI and headless loops drive it through these calls.
 */
#ifndef IPCSCOPE_SESSION_H
#define IPCSCOPE_SESSION_H

#include <stdbool.h>
#include <stddef.h>

#include "board.h"
#include "config.h"
#include "narrate.h"
#include "snapshot.h"

struct session;

enum target {
	TARGET_ANY,
	TARGET_PRODUCER,
	TARGET_CONSUMER
};

/*
 * Create the objects and fork the workers. NULL with a one-line reason in
 * err on failure (nothing left behind). The caller must have blocked
 * SIGCHLD, SIGINT, SIGTERM and SIGHUP (sig_block) before.
 */
struct session	*session_start(const struct config *, char *err, size_t errlen);
/* Kill and reap the workers, remove every object. Safe to call twice. */
void		 session_stop(struct session *);

/*
 * Grant one permit to the next worker of target and wait until settled.
 * The report gets the facts and the sentence: what happened, or why
 * nothing was granted (-1). The report is added to, not cleared.
 */
int		 session_step(struct session *, enum target, struct report *);
/* The board index of the live worker of role with id (P2: producer, 2),
 * or -1. */
int		 session_find(const struct session *, enum role, int id);
/* The same by the worker's label, as the screen shows it (P2, or a
 * --graph process: F, F2), or -1. */
int		 session_find_label(const struct session *, const char *);
/* session_step for one worker (a board index from session_find): grants
 * nothing, and says why, when it is dead or blocked. */
int		 session_step_worker(struct session *, int idx, struct report *);
/* --graph: one permit to the next ready worker of the stage of the
 * worker at idx (F2 selected: F1, F2 or F3); nothing, and why, when
 * none of them is ready. Without a graph, session_step_worker. */
int		 session_step_stage(struct session *, int idx, struct report *);
/* Make the worker at idx the selected one (Enter steps it, k kills it). */
void		 session_select_index(struct session *, int idx);
/* The selected worker's board index (the first worker when none was
 * selected yet; it may be dead), or -1 when there is no worker. */
int		 session_selected(struct session *);
int		 session_add_worker(struct session *, enum role, struct report *);
int		 session_kill_selected(struct session *, struct report *);
void		 session_select(struct session *, int delta);
void		 session_set_granularity(struct session *, int);
int		 session_granularity(const struct session *);
/* Reap exited workers (after SIGCHLD); says who died. */
void		 session_reap(struct session *, struct report *);
/*
 * Has a worker failed the run (it could not open the objects, or hit a
 * kernel limit)? Then one line in why: "P1 could not open the queue:
 * mq_open(name, O_WRONLY): Permission denied". The caller stops the run.
 */
bool		 session_failed(const struct session *, char *why, size_t);
/* Fill snap from the kernel, /proc and the board (its objects, buffers,
 * workers and audit; the caller adds the facts and the event). */
void		 session_sample(struct session *, struct snapshot *);
const struct config *session_config(const struct session *);
/* What starting found and did on the way ("a dead run's file ... was
 * cleaned first"), or "". */
const char	*session_start_note(const struct session *);
/* Workers of role that could take a permit now. */
int		 session_ready(const struct session *, enum role);
/* Workers forked and not yet reaped. Should the viewer die, the last of
 * them out removes the objects: the count must be right. */
int		 session_live(const struct session *);

#endif
