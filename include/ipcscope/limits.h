/*
 * Why a call failed, in one line: the kernel limit it hit, its /proc/sys
 * file (or rlimit), its value now, and how to raise it. One table, call x
 * errno, shared by every transport and the session. The lines read
 *
 *   shmget: no segment can be made: kernel.shmmni (/proc/sys/kernel/shmmni)
 *   is 0 (0 in use); raise it (as root) with sysctl -w kernel.shmmni=4096
 *
 * Reading the kernel (limits_read) is kept apart from choosing and
 * writing the line (limits_format), which depends only on its arguments.
 */
#ifndef IPCSCOPE_LIMITS_H
#define IPCSCOPE_LIMITS_H

#include <stdbool.h>
#include <stddef.h>

/* What the failed call asked for; 0 or NULL where unknown. */
struct limits_ask {
	const char	*object;	/* "key 0x5101a2b3", "/ipcscope.12.q" */
	unsigned long	 bytes;		/* a segment, a message, a pipe */
	unsigned long	 count;		/* semaphores in a set, messages */
};

/* The limits the table knows. */
enum limit_id {
	LIM_SHMMNI, LIM_SHMALL, LIM_SHMMAX,
	LIM_SEMMSL, LIM_SEMMNS, LIM_SEMOPM, LIM_SEMMNI,
	LIM_MSGMNI, LIM_MSGMNB, LIM_MSGMAX,
	LIM_MQ_QUEUES_MAX, LIM_MQ_MSG_MAX, LIM_MQ_MSGSIZE_MAX,
	LIM_PIPE_MAX_SIZE, LIM_PIPE_PAGES_SOFT, LIM_PIPE_PAGES_HARD,
	LIM_FILE_MAX, LIM_THREADS_MAX, LIM_PID_MAX,
	LIM_MAX_MAP_COUNT, LIM_OVERCOMMIT,
	LIM_RLIMIT_MSGQUEUE, LIM_RLIMIT_NOFILE, LIM_RLIMIT_NPROC,
	LIM_COUNT
};

/* What is in use now, to tell which of two limits was hit. */
enum limit_use {
	USE_SHM_IDS,		/* segments (SHM_INFO used_ids) */
	USE_SHM_PAGES,		/* their pages (SHM_INFO shm_tot) */
	USE_SEM_SETS,		/* SEM_INFO semusz */
	USE_SEMS,		/* SEM_INFO semaem */
	USE_MSG_QUEUES,		/* MSG_INFO msgpool */
	USE_FILES,		/* the first field of /proc/sys/fs/file-nr */
	USE_FDS,		/* this process's descriptors */
	USE_THREADS,		/* /proc/loadavg: every task on the machine */
	USE_COUNT
};

#define LIMITS_UNKNOWN	(~0ULL)	/* unreadable, or no limit (an rlimit) */

struct limits_now {
	unsigned long long	value[LIM_COUNT];
	unsigned long long	used[USE_COUNT];
	unsigned long		page;		/* bytes in a page */
};

/* Read every limit and use the table knows of; LIMITS_UNKNOWN where not. */
void	limits_read(struct limits_now *);

/*
 * The line for call failing with err, into buf (never more than one
 * line): from the table when a row matches, else "CALL: strerror(err)".
 * call is named as the caller shows it: "shmget", "msgctl(IPC_SET)",
 * "semop(empty, -1)"; a row for "fcntl" with F_SETPIPE_SZ matches
 * "fcntl(fd, F_SETPIPE_SZ, size)". ask may be NULL.
 */
void	limits_format(char *buf, size_t len, const char *call, int err,
	    const struct limits_ask *, const struct limits_now *);
/* limits_read, then limits_format. */
void	limits_explain(char *buf, size_t len, const char *call, int err,
	    const struct limits_ask *);

/* Did call fail because a kernel limit was hit (a row of the table)? */
bool	limits_hit(const char *call, int err);
/* What call opens, for a sentence: "the queue", "the segment". */
const char *limits_object(const char *call);

/* The table's row for call and err, -1 if none; how many rows there are
 * (for the tests: every row has a case). */
int	limits_find(const char *call, int err);
int	limits_nrows(void);

#endif
