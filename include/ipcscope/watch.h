/*
 * The watch face's model: every IPC object the kernel shows this user, as
 * a list rebuilt each frame. System V objects come from /proc/sysvipc (shm, msg, sem),
 * completed with the *ctl calls for what those files lack (msg_qbytes,
 * each semaphore's value, waiters and last pid); POSIX segments from
 * /dev/shm, POSIX queues from the mqueue filesystem when one is mounted.
 *
 * The System V fields are the model's own (struct snap_shm, snap_msq of
 * snapshot.h, the same IPC_STAT fields the demo shows); a semaphore set
 * has as many semaphores as it has, so it gets arrays of its own here.
 * No curses: the TUI (src/ui/watch_*.c) and the JSON writer read this.
 */
#ifndef IPCSCOPE_WATCH_H
#define IPCSCOPE_WATCH_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include <time.h>

#include "snapshot.h"

enum watch_type {
	WT_SHM,			/* System V segment */
	WT_MSG,			/* System V message queue */
	WT_SEM,			/* System V semaphore set */
	WT_PSHM,		/* POSIX shared memory (/dev/shm) */
	WT_PMQ,			/* POSIX message queue (the mqueue mount) */
	WT_NTYPES
};

#define WATCH_HISTORY	60	/* one sample a second: a minute */
#define WATCH_MARK_MS	3000	/* a new or removed object stays marked */

/* What changed since the last frame, by the column that shows it. */
#define WCH_KEY		0x01
#define WCH_PERMS	0x02
#define WCH_USED	0x04	/* size, cbytes/qbytes, values */
#define WCH_DEPTH	0x08	/* nattch, qnum, waiters, curmsgs */
#define WCH_PID1	0x10	/* cpid, lspid */
#define WCH_PID2	0x20	/* lpid, lrpid, a semaphore's last pid */
#define WCH_STATE	0x40	/* dest, readable */
#define WCH_TIME	0x80
#define WCH_VALUES	0x100	/* a semaphore's value, waiters or pid */

struct watch_obj {
	enum watch_type	 type;
	char		 ident[NAME_MAX + 16];	/* "shm 32769", "posix-shm /foo" */
	char		 name[NAME_MAX + 2];	/* POSIX: "/foo"; System V: "" */
	uid_t		 uid, cuid;
	gid_t		 gid, cgid;
	char		 owner[33];	/* uid's name, or the number */
	unsigned	 perms;		/* the mode's permission bits */
	bool		 readable;	/* IPC_STAT (or open) let us read it */
	int		 err;		/* why not: EACCES... */
	struct snap_shm	 shm;		/* WT_SHM (key, id in here too) */
	struct snap_msq	 msq;		/* WT_MSG */
	struct {			/* WT_SEM */
		int	 id;
		unsigned key;
		int	 nsems;
		int	*values, *ncnt, *zcnt;	/* nsems each, or NULL */
		pid_t	*pid;
		time_t	 otime, ctime;
	} sem;
	struct {			/* WT_PSHM and WT_PMQ */
		long long size;		/* bytes; a queue's QSIZE */
		time_t	 mtime;
		long	 curmsgs, maxmsg, msgsize;	/* mq_getattr */
	} px;
	/* Across frames, kept by watch_merge(). */
	long		 born_ms;	/* first seen, or 0 if there at start */
	long		 gone_ms;	/* removed at, 0 while it exists */
	unsigned	 changed;	/* WCH_ bits: what differs from the
					 * last frame */
	uint32_t	 hist[WATCH_HISTORY];	/* depth or nattch per second */
	int		 hist_n;
	long		 hist_ms;	/* when the last sample was put in */
};

struct watch_list {
	struct watch_obj *v;
	size_t		  n, cap;
	long		  at_ms;		/* clock_ms() of the sample */
	time_t		  at;			/* wall clock, for the JSON */
	bool		  mq_mounted;
	char		  mq_dir[PATH_MAX];	/* where, when mounted */
	char		  notes[256];		/* what could not be read */
};

/* What is looked at: a type set, or one object followed by key/id/name. */
struct watch_follow {
	bool		 on;
	int		 type;		/* WT_*, or -1 for any System V type */
	bool		 by_key, by_id;
	unsigned	 key;
	int		 id;
	char		 name[NAME_MAX + 2];	/* --name /foo */
};

/* Read every object into l, emptied first. 0, or -1 with errno. */
int	watch_sample(struct watch_list *);
/* The System V part alone (for the benchmark); appends to l. */
int	watch_sample_sysv(struct watch_list *);
void	watch_sample_posix(struct watch_list *);
/* Parse one line of /proc/sysvipc/FILE into o (type given); 0 or -1. */
int	watch_parse_shm(const char *line, struct watch_obj *);
int	watch_parse_msg(const char *line, struct watch_obj *);
int	watch_parse_sem(const char *line, struct watch_obj *);

/* The list's storage. */
struct watch_obj *watch_add(struct watch_list *);
void	watch_clear(struct watch_list *);	/* empty, storage kept */
void	watch_free(struct watch_list *);
/* Sort by type, then id (name for POSIX): the JSON's order. */
void	watch_sort(struct watch_list *);
/*
 * Carry what spans frames from prev into cur (both sorted): marks, the
 * history, and the objects removed less than WATCH_MARK_MS ago, added to
 * cur as gone. first: no mark on what was there from the start.
 */
void	watch_merge(struct watch_list *cur, const struct watch_list *prev,
	    bool first);
/* The object followed, or NULL if it is not (yet) there. */
const struct watch_obj *watch_find(const struct watch_list *,
	    const struct watch_follow *);
bool	watch_matches(const struct watch_obj *, const struct watch_follow *);

/* Names: "shm", "msg", "sem", "posix-shm", "posix-mq", and back (-1). */
const char	*watch_type_name(enum watch_type);
int		 watch_type_from_name(const char *);
/* The depth a sparkline plots: nattch, qnum, a queue's curmsgs... */
uint32_t	 watch_depth(const struct watch_obj *);
/* "0x%08x"; a POSIX object has no key: "-". */
void		 watch_key_str(const struct watch_obj *, char *, size_t);
int		 watch_id(const struct watch_obj *);

/* One JSON line for the frame: {"time":..,"objects":[...]} (ipcs names). */
void	watch_json_write(FILE *, const struct watch_list *,
	    const struct watch_follow *);

/* One object with those names, as member key of j (NULL in an array). */
struct json;
void	watch_json_object(struct json *, const char *key,
	    const struct watch_obj *);

#endif
