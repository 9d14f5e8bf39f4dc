/* What the command line decided: read by every face, never changed after start. */
#ifndef IPCSCOPE_CONFIG_H
#define IPCSCOPE_CONFIG_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#define SLOTS_MIN		1
#define SLOTS_MAX		64
#define WORKERS_PER_ROLE_MAX	8
#define WORKERS_MAX		(2 * WORKERS_PER_ROLE_MAX)
#define ITEM_SIZE_MIN		16
#define ITEM_SIZE_MAX		4096
#define SPEED_MIN_MS		10
#define SPEED_MAX_MS		10000
/* The most a transport's buffers carry: bench sizes up to 64 KiB; the
 * demo's --item-size stays within ITEM_SIZE_MAX. */
#define ITEM_WIRE_MAX		65536
/* --free on the screen: frames a second. */
#define FREE_HZ			30

struct transport;
struct scenario;
struct graph;

enum granularity {
	GRAIN_CALL,		/* one permit = one system call */
	GRAIN_ITEM		/* one permit = one whole item */
};

struct config {
	const struct transport	*transport;
	int			 slots;
	int			 producers;
	int			 consumers;
	size_t			 item_size;
	int			 speed_ms;	/* run mode: ms between producer steps */
	int			 cspeed_ms;	/* run mode: ms between consumer steps */
	bool			 run;
	bool			 headless;
	bool			 json;
	bool			 mailbox;
	bool			 unsafe;	/* --unsafe: no mutex, the race shown */
	bool			 undo;		/* --undo: the mutex with SEM_UNDO */
	const char		*keys;		/* --keys script, or NULL */
	long			 steps;		/* --steps N: stop after N steps (0: never) */
	long			 frames;	/* --frames N: TUI quits after N frames (0: never) */
	const char		*record;	/* --record FILE, or NULL */
	const char		*scenario;	/* --scenario: its file, or NULL */
	const struct scenario	*script;	/* and what it holds, parsed */
	const char		*svg_dir;	/* --svg DIR: a picture per step */
	char *const		*argv;		/* the command line, for a recording */
	const char		*theme;		/* --theme NAME, or NULL: the screen's */
	const char		*graph_spec;	/* --graph SPEC, or NULL */
	const struct graph	*graph;		/* and what it says, parsed */
	char			 rundir[PATH_MAX];
	/* watch */
	long			 delay_ms;	/* -d: between frames (500) */
	bool			 once;		/* --once: one frame */
	const char		*follow_key;	/* --key, --id, --name, or NULL */
	const char		*follow_id;
	const char		*follow_name;
	const char		*type_filter;	/* --type */
	/* bench, and --free */
	bool			 transport_given;	/* -t was given */
	bool			 free_run;	/* no permits: step() returns at once */
	double			 seconds;	/* bench --seconds (1) */
	int			 repeat;	/* bench --repeat (5) */
	bool			 pin;		/* bench --pin */
	size_t			 sizes[8];	/* bench --sizes, 0-ended; [0] 0: default */
	/* step */
	char *const		*step_argv;	/* after the first "--": the
						 * programs, split by "--" */
	int			 step_argc;
	bool			 step_all;	/* --all: stop at every call */
	bool			 step_kill;	/* --kill: kill at the end */
};

void	config_defaults(struct config *);

#endif
