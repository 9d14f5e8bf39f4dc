/*
 * Inside the step face's screen: its state (the tracer, the program
 * selected, each program's last calls, the lesson's hand, the kernel's
 * view of the object the shown call touched), kept by step_screen.c and
 * drawn by the step_*.c panels from that state alone.
 */
#ifndef IPCSCOPE_STEP_UI_H
#define IPCSCOPE_STEP_UI_H

#include "ipcscope/step.h"
#include "ipcscope/trace.h"
#include "ipcscope/watch.h"
#include "ipcscope/watch_inspect.h"
#include "ui_int.h"

#define STEP_HISTORY	16	/* calls a column remembers */
#define STEP_LINE	160

/* A program's last calls, with what they returned, oldest first: each
 * whole ("shmget(0x53010203, 4096, IPC_CREAT|0600) = 32769") and brief,
 * for a narrow column ("shmget(...) = 32769"). */
struct step_history {
	char	line[STEP_HISTORY][STEP_LINE];
	char	brief[STEP_HISTORY][STEP_LINE];
	int	n, head;
};

/* The lesson's hand (step.h), as the screen last heard it. */
enum step_guide_state {
	GUIDE_NONE,		/* stepping freely */
	GUIDE_ASK,		/* next() is due once everything settles */
	GUIDE_GOING,		/* proc is the one space steps */
	GUIDE_OVER,		/* next() said -1: the caption is the last words */
	GUIDE_OFF		/* next() said -2: the caption says why */
};

struct step_view {
	const struct config	*cfg;
	struct tracer		*t;
	const struct step_guide	*guide;
	enum step_guide_state	 gstate;
	int			 gproc;		/* GUIDE_GOING: the process */
	char			 caption[512];
	int			 sel;		/* the program selected */
	struct step_history	 hist[TRACE_PROGS_MAX];
	char			 note[256];	/* what the last key did */
	bool			 help;
	/* The kernel's view: the list sampled each frame, the object the
	 * shown call touched, and what is read inside it. */
	struct watch_list	 lists[2], *cur, *prev;
	bool			 sampled;	/* cur holds a sample */
	struct inspect		 in;
	int			 scroll;
};

/* step_screen.c: the process whose call the panels show: the selected
 * program's process at a call, or its last one; -1 before any. */
int	step_shown_proc(const struct step_view *);

/* step_text.c: words for the panels. */
/* "shmget(key=0x53010203, size=4096, shmflg=IPC_CREAT|0600)"; names:
 * with the arguments' names, or strace's way (values alone). */
void	step_call_text(const struct tr_call *, bool names, char *, size_t);
/* "at shmget", "asleep in msgrcv (do_msgrcv)", "exited 0", "killed by
 * SIGSEGV"... */
void	step_state_text(const struct tr_proc *, char *, size_t);
void	step_history_push(struct step_history *, const char *line,
	    const char *brief);
/* The i-th (0: the oldest), whole if it fits in w columns. */
const char *step_history_get(const struct step_history *, int i, int w);

/* step_columns.c: one column per program. */
void	step_columns_draw(WINDOW *, const struct step_view *);
/* step_source.c: the line of the program that made the shown call;
 * step_source_free() forgets the file it read. */
void	step_source_draw(WINDOW *, const struct step_view *);
void	step_source_free(void);
/* step_kernel.c: the kernel's view of what the shown call touched;
 * step_kernel_sample() reads it (each frame), step_kernel_free() lets
 * go on the way out. */
void	step_kernel_sample(struct step_view *);
void	step_kernel_draw(WINDOW *, struct step_view *);
void	step_kernel_free(struct step_view *);
/* step_draw.c: the whole frame (header, caption, banner, columns,
 * source, kernel, status, help); remade says the size changed. */
void	step_draw(struct step_view *, bool remade);
void	step_layout_free(void);

#endif
