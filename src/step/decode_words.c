/*
 * The words of the System V and POSIX calls' flags and commands, as
 * strace prints them: known bits by name joined with '|', the mode in
 * octal, what is left over in hex.
 */
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>

#include "ipcscope/trace_decode.h"

struct word {
	unsigned long	 v;
	const char	*name;
};

#ifndef SHM_EXEC
#define SHM_EXEC	0100000
#endif
#ifndef MSG_COPY
#define MSG_COPY	040000
#endif
#define IPC_64_FLAG	0x0100

/* Each named bit of v that is set, then what is left in hex (or "0"). */
static void
bits(unsigned long v, const struct word *w, size_t nw, char *buf,
    size_t len, bool mode)
{
	char	tail[32];
	size_t	i;

	buf[0] = '\0';
	for (i = 0; i < nw; i++) {
		if ((v & w[i].v) != w[i].v)
			continue;
		if (buf[0] != '\0')
			strlcat(buf, "|", len);
		strlcat(buf, w[i].name, len);
		v &= ~w[i].v;
	}
	if (mode) {
		snprintf(tail, sizeof(tail), "%#lo", v & 0777);
		if ((v & 0777) == 0)
			strlcpy(tail, "000", sizeof(tail));
		v &= ~0777ul;
		if (buf[0] != '\0')
			strlcat(buf, "|", len);
		strlcat(buf, tail, len);
	}
	if (v != 0 || buf[0] == '\0') {
		snprintf(tail, sizeof(tail), "%#lx", v);
		if (buf[0] != '\0')
			strlcat(buf, "|", len);
		strlcat(buf, tail, len);
	}
}

void
trace_key_text(unsigned long key, char *buf, size_t len)
{
	if ((key_t)key == IPC_PRIVATE)
		strlcpy(buf, "IPC_PRIVATE", len);
	else
		snprintf(buf, len, "0x%08x", (unsigned)key);
}

/* shmget, msgget, semget: IPC_CREAT|IPC_EXCL|0600 */
void
trace_ipcflg_text(unsigned long flg, char *buf, size_t len)
{
	static const struct word w[] = {
		{ IPC_CREAT, "IPC_CREAT" }, { IPC_EXCL, "IPC_EXCL" },
		{ SHM_HUGETLB, "SHM_HUGETLB" }, { SHM_NORESERVE, "SHM_NORESERVE" },
	};

	bits(flg, w, sizeof(w) / sizeof(w[0]), buf, len, true);
}

void
trace_shmatflg_text(unsigned long flg, char *buf, size_t len)
{
	static const struct word w[] = {
		{ SHM_RDONLY, "SHM_RDONLY" }, { SHM_RND, "SHM_RND" },
		{ SHM_REMAP, "SHM_REMAP" }, { SHM_EXEC, "SHM_EXEC" },
	};

	bits(flg, w, sizeof(w) / sizeof(w[0]), buf, len, false);
}

void
trace_msgflg_text(unsigned long flg, char *buf, size_t len)
{
	static const struct word w[] = {
		{ IPC_NOWAIT, "IPC_NOWAIT" }, { MSG_NOERROR, "MSG_NOERROR" },
		{ MSG_EXCEPT, "MSG_EXCEPT" }, { MSG_COPY, "MSG_COPY" },
	};

	bits(flg, w, sizeof(w) / sizeof(w[0]), buf, len, false);
}

/* shmctl, msgctl, semctl: the command by name (IPC_64| when set). */
void
trace_ctlcmd_text(int kind, unsigned long cmd, char *buf, size_t len)
{
	static const struct word common[] = {
		{ IPC_RMID, "IPC_RMID" }, { IPC_SET, "IPC_SET" },
		{ IPC_STAT, "IPC_STAT" }, { IPC_INFO, "IPC_INFO" },
	};
	static const struct word shm[] = {
		{ SHM_LOCK, "SHM_LOCK" }, { SHM_UNLOCK, "SHM_UNLOCK" },
		{ SHM_STAT, "SHM_STAT" }, { SHM_INFO, "SHM_INFO" },
		{ SHM_STAT_ANY, "SHM_STAT_ANY" },
	};
	static const struct word msg[] = {
		{ MSG_STAT, "MSG_STAT" }, { MSG_INFO, "MSG_INFO" },
		{ MSG_STAT_ANY, "MSG_STAT_ANY" },
	};
	static const struct word sem[] = {
		{ GETPID, "GETPID" }, { GETVAL, "GETVAL" }, { GETALL, "GETALL" },
		{ GETNCNT, "GETNCNT" }, { GETZCNT, "GETZCNT" },
		{ SETVAL, "SETVAL" }, { SETALL, "SETALL" },
		{ SEM_STAT, "SEM_STAT" }, { SEM_INFO, "SEM_INFO" },
		{ SEM_STAT_ANY, "SEM_STAT_ANY" },
	};
	const struct word	*w = kind == TR_CTL_SHM ? shm :
	    kind == TR_CTL_MSG ? msg : sem;
	size_t			 nw = kind == TR_CTL_SHM ?
	    sizeof(shm) / sizeof(shm[0]) : kind == TR_CTL_MSG ?
	    sizeof(msg) / sizeof(msg[0]) : sizeof(sem) / sizeof(sem[0]);
	const char		*name = NULL;
	unsigned long		 c = cmd & ~(unsigned long)IPC_64_FLAG;
	size_t			 i;

	for (i = 0; i < sizeof(common) / sizeof(common[0]); i++)
		if (common[i].v == c)
			name = common[i].name;
	for (i = 0; name == NULL && i < nw; i++)
		if (w[i].v == c)
			name = w[i].name;
	if (name == NULL) {
		snprintf(buf, len, "%#lx /* IPC_??? */", cmd);
		return;
	}
	snprintf(buf, len, "%s%s", cmd & IPC_64_FLAG ? "IPC_64|" : "", name);
}

/* openat, mq_open: the access mode first, then the flags (strace's order). */
void
trace_oflags_text(unsigned long flg, char *buf, size_t len)
{
	static const struct word w[] = {
		{ O_CREAT, "O_CREAT" }, { O_EXCL, "O_EXCL" },
		{ O_NOCTTY, "O_NOCTTY" }, { O_TRUNC, "O_TRUNC" },
		{ O_APPEND, "O_APPEND" }, { O_NONBLOCK, "O_NONBLOCK" },
		{ O_DSYNC, "O_DSYNC" }, { O_DIRECTORY, "O_DIRECTORY" },
		{ O_NOFOLLOW, "O_NOFOLLOW" }, { O_NOATIME, "O_NOATIME" },
		{ O_CLOEXEC, "O_CLOEXEC" },
	};
	static const char *const acc[] = { "O_RDONLY", "O_WRONLY", "O_RDWR",
	    "O_ACCMODE" };
	char	rest[96];

	bits(flg & ~(unsigned long)O_ACCMODE, w, sizeof(w) / sizeof(w[0]),
	    rest, sizeof(rest), false);
	if (strcmp(rest, "0") == 0)
		strlcpy(buf, acc[flg & O_ACCMODE], len);
	else
		snprintf(buf, len, "%s|%s", acc[flg & O_ACCMODE], rest);
}

/* strace's quoting: printable ASCII as is, \n \t and \\ \", else octal. */
void
trace_bytes_text(const unsigned char *p, size_t n, size_t max, char *buf,
    size_t len)
{
	char	c[8];
	size_t	i;

	strlcpy(buf, "\"", len);
	for (i = 0; i < n && i < max; i++) {
		switch (p[i]) {
		case '\n':	strlcpy(c, "\\n", sizeof(c)); break;
		case '\t':	strlcpy(c, "\\t", sizeof(c)); break;
		case '\r':	strlcpy(c, "\\r", sizeof(c)); break;
		case '"':	strlcpy(c, "\\\"", sizeof(c)); break;
		case '\\':	strlcpy(c, "\\\\", sizeof(c)); break;
		default:
			/* Octal, in three digits when a digit follows. */
			if (p[i] >= 0x20 && p[i] < 0x7f)
				snprintf(c, sizeof(c), "%c", p[i]);
			else if (i + 1 < n && p[i + 1] >= '0' && p[i + 1] <= '7')
				snprintf(c, sizeof(c), "\\%03o", p[i]);
			else
				snprintf(c, sizeof(c), "\\%o", p[i]);
		}
		if (strlen(buf) + strlen(c) + 5 > len)
			break;
		strlcat(buf, c, len);
	}
	strlcat(buf, "\"", len);
	if (n > i)
		strlcat(buf, "...", len);
}

const char *
trace_errno_name(int err)
{
	const char	*s = strerrorname_np(err);

	return (s != NULL ? s : "E???");
}

void
trace_err_text(int err, char *buf, size_t len)
{
	snprintf(buf, len, "-1 %s (%s)", trace_errno_name(err),
	    strerror(err));
}
