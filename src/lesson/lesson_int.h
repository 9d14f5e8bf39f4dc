/*
 * Inside the lesson face: a lesson being walked (the guide's state), the
 * kernel objects its programs made or touched, and its headless lines.
 */
#ifndef IPCSCOPE_LESSON_INT_H
#define IPCSCOPE_LESSON_INT_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "ipcscope/lesson.h"
#include "ipcscope/step.h"
#include "ipcscope/trace.h"

#define LESSON_OBJS_MAX	32

struct config;
struct json;
struct watch_list;
struct watch_obj;

/* A System V object a call of the lesson touched. */
struct lesson_obj {
	int	 type;		/* WT_SHM, WT_MSG, WT_SEM */
	int	 id;
	bool	 made;		/* a get with IPC_CREAT|IPC_EXCL returned it:
				 * the lesson made it, so may remove it */
};

struct lesson_run {
	const char		*name;		/* "shm-lifecycle" */
	const struct lesson	*l;
	int			 next;		/* the step next() gives next */
	pid_t			 pids[TRACE_PROCS_MAX];	/* every process */
	int			 npids;		/* the lesson's programs had */
	struct lesson_obj	 objs[LESSON_OBJS_MAX];
	int			 nobjs;
	char			 why[LESSON_CAPTION_MAX + 256];
	/* A step handed out while its process was still on its way to a
	 * call (the screen may ask before all is settled): its call is
	 * checked when it returns (the return hook), and off is set if it
	 * was not the lesson's. */
	int			 verify_proc;	/* tracer_proc index, or -1 */
	int			 verify_step;
	bool			 off;
};

/* The guide (step.h): the next step's process, checked to be at the
 * step's call, and its caption; -1 at the end, -2 off the path. */
int	lesson_guide_next(void *ctx, const struct tracer *,
	    const char **caption);
/* The return hook's half of the guide: a step handed out before its
 * process reached a call is checked here, once its call returns. */
void	lesson_guide_returned(struct lesson_run *, const struct tracer *,
	    int proc);
/* The process WHO names: the program's own (child 0) or its child-th
 * fork; -1 when there is none (yet). */
int	lesson_who(const struct tracer *, int prog, int child);
/* The step's WHO in words: "reader", "parent/1". */
const char *lesson_who_name(const struct lesson *, const struct lesson_step *);

/* Remember the processes, and what their calls touched so far. */
void	lesson_track(struct lesson_run *, const struct tracer *);
void	lesson_note_call(struct lesson_run *, const struct tr_call *,
	    bool returned);
/* The tracer's return hook: each stepped call's return, noted. */
void	lesson_on_return(void *ctx, const struct tracer *, int proc);
bool	lesson_has_pid(const struct lesson_run *, pid_t);
/* Is o one of the lesson's: touched by its calls, or made by one of its
 * processes (a segment's cpid)? */
bool	lesson_obj_ours(const struct lesson_run *, const struct watch_obj *);
/* The lesson's objects as JSON members of array "objects": the System V
 * ones from l, and the pipes its live processes hold (/proc). */
void	lesson_objects_json(struct json *, const struct lesson_run *,
	    const struct tracer *, const struct watch_list *);
/*
 * After the programs are gone: remove what the lesson made and left (a
 * quit or a signal mid-lesson), and only that: a segment whose creator
 * (cpid) was one of its processes, a queue or set one of its gets made
 * with IPC_EXCL. One line each into report. How many.
 */
int	lesson_cleanup(const struct lesson_run *, FILE *report);

/* The lesson on the step screen (step_ui), its programs killed at the
 * end; ends the tracer. Status. */
int	lesson_screen(const struct config *, struct tracer *,
	    struct lesson_run *, const struct step_guide *);
/* lesson --headless: a JSON line per step; ends the tracer. Status. */
int	lesson_headless(struct tracer *, struct lesson_run *,
	    const struct step_guide *);

#endif
