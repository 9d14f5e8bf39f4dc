/*
 * The IPC system calls' table: number, name, each argument's name and
 * how it reads; and the decoding of a call at its entry and its return
 * into struct tr_call, in strace's words.
 */
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/sem.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>

#include "ipcscope/trace_decode.h"

enum dec {
	D_INT, D_UINT, D_PTR, D_KEY, D_IPCFLG, D_SHMATFLG, D_SHMCMD, D_MSGCMD,
	D_SEMCMD, D_MSGFLG, D_MSGSND, D_MSGRCV, D_SEMBUF, D_OFLAGS, D_MODE,
	D_PATH, D_WBUF, D_RBUF, D_FDPAIR, D_DIRFD, D_FAMILY, D_SOCKTYPE,
	D_PROT, D_MAPFLAGS, D_HEX, D_SEMARG, D_IOV_W, D_IOV_R, D_FDFLAGS,
	D_FILEMODE
};

/* How the return value reads. */
enum retdec { R_INT, R_ADDR };

struct sys {
	long		 nr;
	const char	*name;
	int		 nargs;
	struct {
		const char	*name;
		enum dec	 dec;
	}		 arg[TRACE_ARGS_MAX];
	enum retdec	 ret;
};

#define BUF_SHOWN	32	/* a buffer's first bytes */

static const struct sys table[] = {
	{ SYS_shmget, "shmget", 3, { { "key", D_KEY }, { "size", D_UINT },
	    { "shmflg", D_IPCFLG } }, R_INT },
	{ SYS_shmat, "shmat", 3, { { "shmid", D_INT }, { "shmaddr", D_PTR },
	    { "shmflg", D_SHMATFLG } }, R_ADDR },
	{ SYS_shmdt, "shmdt", 1, { { "shmaddr", D_PTR } }, R_INT },
	{ SYS_shmctl, "shmctl", 3, { { "shmid", D_INT }, { "cmd", D_SHMCMD },
	    { "buf", D_PTR } }, R_INT },
	{ SYS_msgget, "msgget", 2, { { "key", D_KEY }, { "msgflg", D_IPCFLG } },
	    R_INT },
	{ SYS_msgsnd, "msgsnd", 4, { { "msqid", D_INT }, { "msgp", D_MSGSND },
	    { "msgsz", D_UINT }, { "msgflg", D_MSGFLG } }, R_INT },
	{ SYS_msgrcv, "msgrcv", 5, { { "msqid", D_INT }, { "msgp", D_MSGRCV },
	    { "msgsz", D_UINT }, { "msgtyp", D_INT }, { "msgflg", D_MSGFLG } },
	    R_INT },
	{ SYS_msgctl, "msgctl", 3, { { "msqid", D_INT }, { "cmd", D_MSGCMD },
	    { "buf", D_PTR } }, R_INT },
	{ SYS_semget, "semget", 3, { { "key", D_KEY }, { "nsems", D_INT },
	    { "semflg", D_IPCFLG } }, R_INT },
	{ SYS_semop, "semop", 3, { { "semid", D_INT }, { "sops", D_SEMBUF },
	    { "nsops", D_UINT } }, R_INT },
	{ SYS_semtimedop, "semtimedop", 4, { { "semid", D_INT },
	    { "sops", D_SEMBUF }, { "nsops", D_UINT }, { "timeout", D_PTR } },
	    R_INT },
	{ SYS_semctl, "semctl", 4, { { "semid", D_INT }, { "semnum", D_INT },
	    { "cmd", D_SEMCMD }, { "arg", D_SEMARG } }, R_INT },
#ifdef SYS_pipe
	{ SYS_pipe, "pipe", 1, { { "pipefd", D_FDPAIR } }, R_INT },
#endif
	{ SYS_pipe2, "pipe2", 2, { { "pipefd", D_FDPAIR }, { "flags", D_FDFLAGS } },
	    R_INT },
#ifdef SYS_mknod
	{ SYS_mknod, "mknod", 3, { { "pathname", D_PATH }, { "mode", D_FILEMODE },
	    { "dev", D_UINT } }, R_INT },
#endif
	{ SYS_mknodat, "mknodat", 4, { { "dirfd", D_DIRFD },
	    { "pathname", D_PATH }, { "mode", D_FILEMODE }, { "dev", D_UINT } },
	    R_INT },
	{ SYS_read, "read", 3, { { "fd", D_INT }, { "buf", D_RBUF },
	    { "count", D_UINT } }, R_INT },
	{ SYS_write, "write", 3, { { "fd", D_INT }, { "buf", D_WBUF },
	    { "count", D_UINT } }, R_INT },
	{ SYS_readv, "readv", 3, { { "fd", D_INT }, { "iov", D_IOV_R },
	    { "iovcnt", D_INT } }, R_INT },
	{ SYS_writev, "writev", 3, { { "fd", D_INT }, { "iov", D_IOV_W },
	    { "iovcnt", D_INT } }, R_INT },
	{ SYS_sendto, "sendto", 6, { { "sockfd", D_INT }, { "buf", D_WBUF },
	    { "len", D_UINT }, { "flags", D_HEX }, { "dest_addr", D_PTR },
	    { "addrlen", D_UINT } }, R_INT },
	{ SYS_recvfrom, "recvfrom", 6, { { "sockfd", D_INT }, { "buf", D_RBUF },
	    { "len", D_UINT }, { "flags", D_HEX }, { "src_addr", D_PTR },
	    { "addrlen", D_PTR } }, R_INT },
	{ SYS_sendmsg, "sendmsg", 3, { { "sockfd", D_INT }, { "msg", D_PTR },
	    { "flags", D_HEX } }, R_INT },
	{ SYS_recvmsg, "recvmsg", 3, { { "sockfd", D_INT }, { "msg", D_PTR },
	    { "flags", D_HEX } }, R_INT },
	{ SYS_socketpair, "socketpair", 4, { { "domain", D_FAMILY },
	    { "type", D_SOCKTYPE }, { "protocol", D_INT }, { "sv", D_FDPAIR } },
	    R_INT },
	{ SYS_socket, "socket", 3, { { "domain", D_FAMILY },
	    { "type", D_SOCKTYPE }, { "protocol", D_INT } }, R_INT },
	{ SYS_bind, "bind", 3, { { "sockfd", D_INT }, { "addr", D_PTR },
	    { "addrlen", D_UINT } }, R_INT },
	{ SYS_connect, "connect", 3, { { "sockfd", D_INT }, { "addr", D_PTR },
	    { "addrlen", D_UINT } }, R_INT },
	{ SYS_accept, "accept", 3, { { "sockfd", D_INT }, { "addr", D_PTR },
	    { "addrlen", D_PTR } }, R_INT },
	{ SYS_accept4, "accept4", 4, { { "sockfd", D_INT }, { "addr", D_PTR },
	    { "addrlen", D_PTR }, { "flags", D_FDFLAGS } }, R_INT },
	{ SYS_mq_open, "mq_open", 4, { { "name", D_PATH }, { "oflag", D_OFLAGS },
	    { "mode", D_MODE }, { "attr", D_PTR } }, R_INT },
	{ SYS_mq_unlink, "mq_unlink", 1, { { "name", D_PATH } }, R_INT },
	{ SYS_mq_timedsend, "mq_timedsend", 5, { { "mqdes", D_INT },
	    { "msg_ptr", D_WBUF }, { "msg_len", D_UINT }, { "msg_prio", D_UINT },
	    { "abs_timeout", D_PTR } }, R_INT },
	{ SYS_mq_timedreceive, "mq_timedreceive", 5, { { "mqdes", D_INT },
	    { "msg_ptr", D_RBUF }, { "msg_len", D_UINT }, { "msg_prio", D_PTR },
	    { "abs_timeout", D_PTR } }, R_INT },
	{ SYS_mq_notify, "mq_notify", 2, { { "mqdes", D_INT },
	    { "sevp", D_PTR } }, R_INT },
	{ SYS_mq_getsetattr, "mq_getsetattr", 3, { { "mqdes", D_INT },
	    { "newattr", D_PTR }, { "oldattr", D_PTR } }, R_INT },
	{ SYS_openat, "openat", 4, { { "dirfd", D_DIRFD }, { "pathname", D_PATH },
	    { "flags", D_OFLAGS }, { "mode", D_MODE } }, R_INT },
#ifdef SYS_unlink
	{ SYS_unlink, "unlink", 1, { { "pathname", D_PATH } }, R_INT },
#endif
	{ SYS_unlinkat, "unlinkat", 3, { { "dirfd", D_DIRFD },
	    { "pathname", D_PATH }, { "flags", D_HEX } }, R_INT },
	{ SYS_mmap, "mmap", 6, { { "addr", D_PTR }, { "length", D_UINT },
	    { "prot", D_PROT }, { "flags", D_MAPFLAGS }, { "fd", D_INT },
	    { "offset", D_HEX } }, R_ADDR },
	{ SYS_newfstatat, "newfstatat", 4, { { "dirfd", D_DIRFD },
	    { "pathname", D_PATH }, { "statbuf", D_PTR }, { "flags", D_HEX } },
	    R_INT },
#ifdef SYS_stat
	{ SYS_stat, "stat", 2, { { "pathname", D_PATH }, { "statbuf", D_PTR } },
	    R_INT },
#endif
};
#define NTABLE	(sizeof(table) / sizeof(table[0]))

static const struct sys *
sys_find(long nr)
{
	size_t	i;

	for (i = 0; i < NTABLE; i++)
		if (table[i].nr == nr)
			return (&table[i]);
	return (NULL);
}

const char *
trace_sys_name(long nr)
{
	const struct sys	*s = sys_find(nr);

	return (s != NULL ? s->name : NULL);
}

/* Up to n bytes of the tracee at addr, shown; "NULL" or the address when
 * they cannot be read. */
static void
peek_bytes(tr_peek_fn peek, void *ctx, unsigned long addr, size_t n,
    char *buf, size_t len)
{
	unsigned char	b[BUF_SHOWN];
	ssize_t		got = -1;

	if (addr == 0) {
		strlcpy(buf, "NULL", len);
		return;
	}
	if (peek != NULL)
		got = peek(ctx, addr, b, n < sizeof(b) ? n : sizeof(b));
	if (got < 0) {
		snprintf(buf, len, "%#lx", addr);
		return;
	}
	trace_bytes_text(b, (size_t)got, BUF_SHOWN, buf, len);
	if ((size_t)got < n && (size_t)got == sizeof(b))
		strlcat(buf, "...", len);
}

/* A path or name: the string, up to its NUL. */
static void
peek_path(tr_peek_fn peek, void *ctx, unsigned long addr, char *buf,
    size_t len)
{
	unsigned char	b[100];
	ssize_t		got = -1;
	size_t		n;

	if (addr == 0) {
		strlcpy(buf, "NULL", len);
		return;
	}
	if (peek != NULL)
		got = peek(ctx, addr, b, sizeof(b));
	if (got <= 0) {
		snprintf(buf, len, "%#lx", addr);
		return;
	}
	n = strnlen((char *)b, (size_t)got);
	trace_bytes_text(b, n, sizeof(b), buf, len);
}

/* msgsnd's and msgrcv's {mtype=2, mtext="ping"}: n bytes of text. */
static void
peek_msg(tr_peek_fn peek, void *ctx, unsigned long addr, size_t n,
    char *buf, size_t len)
{
	long	mtype;
	char	text[96];

	if (peek == NULL || addr == 0 ||
	    peek(ctx, addr, &mtype, sizeof(mtype)) != sizeof(mtype)) {
		snprintf(buf, len, addr == 0 ? "NULL" : "%#lx", addr);
		return;
	}
	peek_bytes(peek, ctx, addr + sizeof(long), n, text, sizeof(text));
	snprintf(buf, len, "{mtype=%ld, mtext=%s}", mtype, text);
}

/* [{sem_num=0, sem_op=-1, sem_flg=SEM_UNDO}, ...] */
static void
peek_sembuf(tr_peek_fn peek, void *ctx, unsigned long addr, size_t n,
    char *buf, size_t len)
{
	struct sembuf	sb[4];
	char		one[112], flg[32];
	size_t		i, want = n < 4 ? n : 4;

	if (peek == NULL || addr == 0 || peek(ctx, addr, sb,
	    want * sizeof(sb[0])) != (ssize_t)(want * sizeof(sb[0]))) {
		snprintf(buf, len, addr == 0 ? "NULL" : "%#lx", addr);
		return;
	}
	strlcpy(buf, "[", len);
	for (i = 0; i < want; i++) {
		flg[0] = '\0';
		if (sb[i].sem_flg & SEM_UNDO)
			strlcat(flg, "SEM_UNDO", sizeof(flg));
		if (sb[i].sem_flg & IPC_NOWAIT)
			strlcat(flg, flg[0] ? "|IPC_NOWAIT" : "IPC_NOWAIT",
			    sizeof(flg));
		if (flg[0] == '\0' || (sb[i].sem_flg & ~(SEM_UNDO | IPC_NOWAIT)))
			snprintf(flg + strlen(flg), sizeof(flg) - strlen(flg),
			    "%s%#x", flg[0] ? "|" : "",
			    sb[i].sem_flg & ~(SEM_UNDO | IPC_NOWAIT));
		snprintf(one, sizeof(one), "%s{sem_num=%u, sem_op=%d, "
		    "sem_flg=%s}", i > 0 ? ", " : "", sb[i].sem_num,
		    sb[i].sem_op, flg);
		strlcat(buf, one, len);
	}
	strlcat(buf, n > want ? ", ...]" : "]", len);
}

/* writev's and readv's vectors: the first buffer's bytes. */
static void
peek_iov(tr_peek_fn peek, void *ctx, unsigned long addr, size_t total,
    char *buf, size_t len)
{
	unsigned long	iov[2];
	char		b[96];

	if (peek == NULL || addr == 0 ||
	    peek(ctx, addr, iov, sizeof(iov)) != sizeof(iov)) {
		snprintf(buf, len, addr == 0 ? "NULL" : "%#lx", addr);
		return;
	}
	peek_bytes(peek, ctx, iov[0], iov[1] < total ? iov[1] : total, b,
	    sizeof(b));
	snprintf(buf, len, "[{iov_base=%s, iov_len=%lu}, ...]", b, iov[1]);
}

static void
socket_family(unsigned long v, char *buf, size_t len)
{
	switch (v) {
	case AF_UNIX:	strlcpy(buf, "AF_UNIX", len); break;
	case AF_INET:	strlcpy(buf, "AF_INET", len); break;
	case AF_INET6:	strlcpy(buf, "AF_INET6", len); break;
	default:	snprintf(buf, len, "%lu /* AF_??? */", v);
	}
}

static void
socket_type(unsigned long v, char *buf, size_t len)
{
	const char	*t;

	switch (v & 0xf) {
	case SOCK_STREAM:	t = "SOCK_STREAM"; break;
	case SOCK_DGRAM:	t = "SOCK_DGRAM"; break;
	case SOCK_SEQPACKET:	t = "SOCK_SEQPACKET"; break;
	default:		t = "SOCK_???";
	}
	snprintf(buf, len, "%s%s%s", t, v & SOCK_CLOEXEC ? "|SOCK_CLOEXEC" : "",
	    v & SOCK_NONBLOCK ? "|SOCK_NONBLOCK" : "");
}

static void
map_prot(unsigned long v, char *buf, size_t len)
{
	buf[0] = '\0';
	if (v == PROT_NONE)
		strlcpy(buf, "PROT_NONE", len);
	if (v & PROT_READ)
		strlcat(buf, "PROT_READ", len);
	if (v & PROT_WRITE)
		strlcat(buf, buf[0] ? "|PROT_WRITE" : "PROT_WRITE", len);
	if (v & PROT_EXEC)
		strlcat(buf, buf[0] ? "|PROT_EXEC" : "PROT_EXEC", len);
}

static void
map_flags(unsigned long v, char *buf, size_t len)
{
	snprintf(buf, len, "%s%s%s", (v & 3) == MAP_SHARED ? "MAP_SHARED" :
	    (v & 3) == MAP_PRIVATE ? "MAP_PRIVATE" : "MAP_SHARED_VALIDATE",
	    v & MAP_FIXED ? "|MAP_FIXED" : "", v & MAP_ANONYMOUS ?
	    "|MAP_ANONYMOUS" : "");
}

/* pipe2's and accept4's flags: no access mode, 0 when none. */
static void
fd_flags(unsigned long v, char *buf, size_t len)
{
	char	tail[24];

	buf[0] = '\0';
	if (v & O_CLOEXEC)
		strlcat(buf, "O_CLOEXEC", len);
	if (v & O_NONBLOCK)
		strlcat(buf, buf[0] ? "|O_NONBLOCK" : "O_NONBLOCK", len);
	if (v & O_DIRECT)
		strlcat(buf, buf[0] ? "|O_DIRECT" : "O_DIRECT", len);
	v &= ~(unsigned long)(O_CLOEXEC | O_NONBLOCK | O_DIRECT);
	if (v != 0 || buf[0] == '\0') {
		snprintf(tail, sizeof(tail), "%s%#lx", buf[0] ? "|" : "", v);
		if (v == 0)
			strlcpy(tail, "0", sizeof(tail));
		strlcat(buf, tail, len);
	}
}

/* One argument at the entry; the D_RBUF and D_FDPAIR kinds wait for
 * the return. */
static void
decode_arg(const struct sys *s, int i, const struct tr_raw *r,
    tr_peek_fn peek, void *ctx, char *buf, size_t len)
{
	unsigned long	v = r->a[i];

	switch (s->arg[i].dec) {
	case D_INT:	snprintf(buf, len, "%d", (int)v); break;
	case D_UINT:	snprintf(buf, len, "%lu", v); break;
	case D_HEX:	snprintf(buf, len, "%#lx", v); break;
	case D_PTR:
	case D_RBUF:
	case D_FDPAIR:
	case D_MSGRCV:
	case D_IOV_R:
		if (v == 0)
			strlcpy(buf, "NULL", len);
		else
			snprintf(buf, len, "%#lx", v);
		break;
	case D_KEY:	trace_key_text(v, buf, len); break;
	case D_IPCFLG:	trace_ipcflg_text(v, buf, len); break;
	case D_SHMATFLG: trace_shmatflg_text(v, buf, len); break;
	case D_SHMCMD:	trace_ctlcmd_text(TR_CTL_SHM, v, buf, len); break;
	case D_MSGCMD:	trace_ctlcmd_text(TR_CTL_MSG, v, buf, len); break;
	case D_SEMCMD:	trace_ctlcmd_text(TR_CTL_SEM, v, buf, len); break;
	case D_MSGFLG:	trace_msgflg_text(v, buf, len); break;
	case D_MSGSND:	peek_msg(peek, ctx, v, r->a[2], buf, len); break;
	case D_SEMBUF:	peek_sembuf(peek, ctx, v, r->a[2], buf, len); break;
	case D_OFLAGS:	trace_oflags_text(v, buf, len); break;
	case D_FDFLAGS:	fd_flags(v, buf, len); break;
	case D_MODE:	snprintf(buf, len, "%#lo", v); break;
	case D_FILEMODE:
		/* mknod's: the file type by name, as strace has it. */
		snprintf(buf, len, "%s%#lo", S_ISFIFO(v) ? "S_IFIFO|" :
		    S_ISCHR(v) ? "S_IFCHR|" : S_ISREG(v) ? "S_IFREG|" : "",
		    v & 07777);
		break;
	case D_PATH:	peek_path(peek, ctx, v, buf, len); break;
	case D_WBUF:	peek_bytes(peek, ctx, v, r->a[2], buf, len); break;
	case D_IOV_W:	peek_iov(peek, ctx, v, ~0ul, buf, len); break;
	case D_DIRFD:
		if ((int)v == AT_FDCWD)
			strlcpy(buf, "AT_FDCWD", len);
		else
			snprintf(buf, len, "%d", (int)v);
		break;
	case D_FAMILY:	socket_family(v, buf, len); break;
	case D_SOCKTYPE: socket_type(v, buf, len); break;
	case D_PROT:	map_prot(v, buf, len); break;
	case D_MAPFLAGS: map_flags(v, buf, len); break;
	case D_SEMARG:
		/* SETVAL's is a number, the others' an address. */
		if ((r->a[2] & 0xff) == SETVAL)
			snprintf(buf, len, "%d", (int)v);
		else if (v == 0)
			strlcpy(buf, "NULL", len);
		else
			snprintf(buf, len, "%#lx", v);
		break;
	}
}

void
trace_decode_entry(const struct tr_raw *r, tr_peek_fn peek, void *ctx,
    struct tr_call *c)
{
	const struct sys	*s = sys_find(r->nr);
	int			 i;

	c->nr = r->nr;
	c->returned = false;
	c->ret = 0;
	c->err = 0;
	c->rettext[0] = '\0';
	if (s == NULL) {
		/* --all: a call outside the table, its numbers in hex. */
		c->name = "syscall";
		c->nargs = TRACE_ARGS_MAX;
		for (i = 0; i < TRACE_ARGS_MAX; i++) {
			c->args[i].name = "arg";
			snprintf(c->args[i].text, sizeof(c->args[i].text),
			    "%#lx", r->a[i]);
		}
		return;
	}
	c->name = s->name;
	c->nargs = s->nargs;
	for (i = 0; i < s->nargs; i++) {
		c->args[i].name = s->arg[i].name;
		decode_arg(s, i, r, peek, ctx, c->args[i].text,
		    sizeof(c->args[i].text));
	}
}

/* What a successful call wrote into its buffers, now readable. */
static void
decode_filled(const struct sys *s, const struct tr_raw *r, tr_peek_fn peek,
    void *ctx, struct tr_call *c)
{
	char	*buf;
	size_t	 len;
	int	 fds[2], i;

	for (i = 0; i < s->nargs; i++) {
		buf = c->args[i].text;
		len = sizeof(c->args[i].text);
		switch (s->arg[i].dec) {
		case D_RBUF:
			peek_bytes(peek, ctx, r->a[i], (size_t)r->rval, buf,
			    len);
			break;
		case D_IOV_R:
			peek_iov(peek, ctx, r->a[i], (size_t)r->rval, buf, len);
			break;
		case D_MSGRCV:
			peek_msg(peek, ctx, r->a[i], (size_t)r->rval, buf, len);
			break;
		case D_FDPAIR:
			if (peek != NULL && peek(ctx, r->a[i], fds,
			    sizeof(fds)) == sizeof(fds))
				snprintf(buf, len, "[%d, %d]", fds[0], fds[1]);
			break;
		default:
			break;
		}
	}
}

void
trace_decode_return(const struct tr_raw *r, tr_peek_fn peek, void *ctx,
    struct tr_call *c)
{
	const struct sys	*s = sys_find(r->nr);

	c->returned = true;
	if (r->is_error) {
		c->ret = -1;
		c->err = (int)-r->rval;
		trace_err_text(c->err, c->rettext, sizeof(c->rettext));
		return;
	}
	c->ret = r->rval;
	c->err = 0;
	if (s != NULL && s->ret == R_ADDR)
		snprintf(c->rettext, sizeof(c->rettext), "%#llx",
		    (unsigned long long)r->rval);
	else
		snprintf(c->rettext, sizeof(c->rettext), "%lld", r->rval);
	if (s != NULL)
		decode_filled(s, r, peek, ctx, c);
}
