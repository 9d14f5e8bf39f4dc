/*
 * Keys become actions on the session, shared by the TUI and --headless:
 * a key handler never draws; it returns reaction flags (htop's Action.c)
 * and leaves its facts and one sentence in ctl->rep.
 */
#ifndef IPCSCOPE_CONTROL_H
#define IPCSCOPE_CONTROL_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "session.h"
#include "snapshot.h"

#define REACT_NONE	0x00
#define REACT_SAMPLE	0x01	/* the system moved: sample and redraw */
#define REACT_QUIT	0x02
#define REACT_HELP	0x04	/* toggle the help screen */
#define REACT_REDRAW	0x08	/* only the view changed */
#define REACT_FAIL	0x10	/* with REACT_QUIT: the run failed, see
				 * ctl->failure; the face exits 2 */
#define REACT_ZOOM	0x20	/* toggle the buffer alone on the screen */
/* The screen's own keys, for a --keys script played on the screen: */
#define REACT_CODE	0x40	/* show or hide the code panel */
#define REACT_SAVE	0x80	/* save the frame (.txt, .svg) */
#define REACT_THEME	0x100	/* the next theme */
#define REACT_BENCH	0x200	/* show or hide the last bench figures */


#define SPEED_DEFAULT_MS	500

struct control {
	struct session	*s;
	struct config	 cfg;		/* as now: the transport may change */
	int		 mode;		/* enum run_mode */
	long		 next_p, next_c;	/* run mode: when each is due */
	unsigned long	 steps;		/* permits granted */
	int		 quit_signal;	/* the signal that asked us to quit, or 0 */
	char		 key[8];	/* the last key, for the snapshot */
	struct report	 rep;		/* what the last key or tick came to */
	char		 failure[320];	/* why the run failed, or "" */
	/* --scenario (scenario.h): where the script is, and what it showed. */
	const struct scenario *scn;	/* NULL without one */
	char		 scn_name[48];	/* the file's name without .scn */
	int		 pc;		/* the next command */
	int		 reps;		/* permits left of the current step */
	int		 mark;		/* pause marks passed */
	bool		 playing;	/* up to the next mark, one a tick */
	char		 caption[160];	/* the last caption reached */
	const char	*keys_left;	/* --keys on the screen: still to press */
	int		 pick;		/* a digit: the worker p or c steps, 0 */
	long		 next_frame;	/* --free: when the next frame is due */
};


int	control_start(struct control *, const struct config *, char *err, size_t);
void	control_stop(struct control *);
/* Each of these returns REACT_QUIT | REACT_FAIL once a worker has failed
 * the run (session_failed), with the line in ctl->failure. */
int	control_key(struct control *, int key);
/* Milliseconds until the next run-mode step is due; -1 while paused. */
int	control_timeout(const struct control *);
int	control_tick(struct control *);
/* Play the scenario on to its next pause mark, a command per tick
 * (control_timeout is 0 meanwhile); -1, said in ctl->rep, when there is
 * no scenario or it is over. */
int	control_play(struct control *);
/* Is the scenario playing? Is there more of it? */
bool	control_playing(const struct control *);
bool	control_script_left(const struct control *);
/* --keys on the screen: pressed one a tick once the scenario reached its
 * first mark, then the keyboard is the teacher's. */
void	control_press(struct control *, const char *keys);

/* script.c, for control.c: the scenario's part of start, tick and
 * snapshot. */
void	script_start(struct control *);
int	script_tick(struct control *);
void	script_snapshot(const struct control *, struct snapshot *);
/* A signal the loop read from its signalfd. */
int	control_signal(struct control *, int sig);
void	control_snapshot(struct control *, struct snapshot *);

#endif
