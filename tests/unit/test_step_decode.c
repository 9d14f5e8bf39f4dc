/* step's decoder: flags by name, keys, messages, semaphore operations,
 * buffers and return values in strace's words; which calls are IPC. */
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <sys/uio.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "ipcscope/trace_decode.h"
#include "ipcscope/watch.h"
#include "suites.h"

/* The tracee is this process: its memory read as the tracer reads one. */
static ssize_t
self_peek(void *ctx, unsigned long addr, void *buf, size_t n)
{
	struct iovec	local = { buf, n }, remote = { (void *)addr, n };

	(void)ctx;
	return (process_vm_readv(getpid(), &local, 1, &remote, 1, 0));
}

static const char *
arg(const struct tr_call *c, const char *name)
{
	int	i;

	for (i = 0; i < c->nargs; i++)
		if (strcmp(c->args[i].name, name) == 0)
			return (c->args[i].text);
	return ("(no such argument)");
}

START_TEST(flags_by_name)
{
	char	b[128];

	trace_ipcflg_text(IPC_CREAT | IPC_EXCL | 0600, b, sizeof(b));
	ck_assert_str_eq(b, "IPC_CREAT|IPC_EXCL|0600");
	trace_ipcflg_text(IPC_CREAT | 0666, b, sizeof(b));
	ck_assert_str_eq(b, "IPC_CREAT|0666");
	trace_ipcflg_text(0, b, sizeof(b));
	ck_assert_str_eq(b, "000");
	trace_shmatflg_text(SHM_RDONLY, b, sizeof(b));
	ck_assert_str_eq(b, "SHM_RDONLY");
	trace_shmatflg_text(0, b, sizeof(b));
	ck_assert_str_eq(b, "0");
	trace_msgflg_text(IPC_NOWAIT | MSG_NOERROR, b, sizeof(b));
	ck_assert_str_eq(b, "IPC_NOWAIT|MSG_NOERROR");
	trace_oflags_text(O_CREAT | O_RDWR, b, sizeof(b));
	ck_assert_str_eq(b, "O_RDWR|O_CREAT");
	trace_oflags_text(O_RDONLY, b, sizeof(b));
	ck_assert_str_eq(b, "O_RDONLY");
}
END_TEST

START_TEST(keys_and_commands)
{
	char	b[128];

	trace_key_text(IPC_PRIVATE, b, sizeof(b));
	ck_assert_str_eq(b, "IPC_PRIVATE");
	trace_key_text(0x41020304, b, sizeof(b));
	ck_assert_str_eq(b, "0x41020304");
	trace_key_text(0x1234, b, sizeof(b));
	ck_assert_str_eq(b, "0x00001234");
	trace_ctlcmd_text(TR_CTL_SHM, IPC_RMID, b, sizeof(b));
	ck_assert_str_eq(b, "IPC_RMID");
	trace_ctlcmd_text(TR_CTL_SEM, GETVAL, b, sizeof(b));
	ck_assert_str_eq(b, "GETVAL");
	trace_ctlcmd_text(TR_CTL_SEM, SETALL, b, sizeof(b));
	ck_assert_str_eq(b, "SETALL");
	trace_ctlcmd_text(TR_CTL_MSG, IPC_STAT | 0x100, b, sizeof(b));
	ck_assert_str_eq(b, "IPC_64|IPC_STAT");
	trace_ctlcmd_text(TR_CTL_SHM, 77, b, sizeof(b));
	ck_assert_str_eq(b, "0x4d /* IPC_??? */");
}
END_TEST

START_TEST(bytes_as_strace_quotes_them)
{
	char	b[128];

	trace_bytes_text((const unsigned char *)"hi\n\t\"\\", 6, 32, b,
	    sizeof(b));
	ck_assert_str_eq(b, "\"hi\\n\\t\\\"\\\\\"");
	trace_bytes_text((const unsigned char *)"a\0b\0" "1\033", 6, 32, b,
	    sizeof(b));
	ck_assert_str_eq(b, "\"a\\0b\\0001\\33\"");
	trace_bytes_text((const unsigned char *)"abcdef", 6, 4, b, sizeof(b));
	ck_assert_str_eq(b, "\"abcd\"...");
}
END_TEST

START_TEST(msgsnd_and_semop_read_the_tracee)
{
	struct {
		long	 mtype;
		char	 mtext[8];
	}		 m = { 2, "ping" };
	struct sembuf	 sb[2] = { { 0, -1, SEM_UNDO }, { 1, 1, IPC_NOWAIT } };
	struct tr_raw	 r = { .nr = SYS_msgsnd,
	    .a = { 7, (unsigned long)&m, 4, IPC_NOWAIT } };
	struct tr_call	 c;

	memset(&c, 0, sizeof(c));
	trace_decode_entry(&r, self_peek, NULL, &c);
	ck_assert_str_eq(c.name, "msgsnd");
	ck_assert_int_eq(c.nargs, 4);
	ck_assert_str_eq(arg(&c, "msqid"), "7");
	ck_assert_str_eq(arg(&c, "msgp"), "{mtype=2, mtext=\"ping\"}");
	ck_assert_str_eq(arg(&c, "msgflg"), "IPC_NOWAIT");
	r = (struct tr_raw){ .nr = SYS_semop, .a = { 3, (unsigned long)sb, 2 } };
	trace_decode_entry(&r, self_peek, NULL, &c);
	ck_assert_str_eq(arg(&c, "sops"), "[{sem_num=0, sem_op=-1, "
	    "sem_flg=SEM_UNDO}, {sem_num=1, sem_op=1, sem_flg=IPC_NOWAIT}]");
	/* An address that does not read is shown as the address. */
	r.a[1] = 8;
	trace_decode_entry(&r, self_peek, NULL, &c);
	ck_assert_str_eq(arg(&c, "sops"), "0x8");
}
END_TEST

START_TEST(returns_in_words)
{
	char		 buf[8] = "pong";
	struct tr_raw	 r = { .nr = SYS_shmget, .a = { 0, 4096, IPC_CREAT } };
	struct tr_call	 c;

	memset(&c, 0, sizeof(c));
	trace_decode_entry(&r, self_peek, NULL, &c);
	r.returned = true;
	r.is_error = true;
	r.rval = -ENOENT;
	trace_decode_return(&r, self_peek, NULL, &c);
	ck_assert(c.returned);
	ck_assert_int_eq(c.ret, -1);
	ck_assert_int_eq(c.err, ENOENT);
	ck_assert_str_eq(c.rettext, "-1 ENOENT (No such file or directory)");
	r = (struct tr_raw){ .nr = SYS_shmat, .a = { 5, 0, SHM_RDONLY },
	    .returned = true, .rval = 0x7f3c1000 };
	trace_decode_entry(&r, self_peek, NULL, &c);
	ck_assert_str_eq(arg(&c, "shmaddr"), "NULL");
	ck_assert_str_eq(arg(&c, "shmflg"), "SHM_RDONLY");
	trace_decode_return(&r, self_peek, NULL, &c);
	ck_assert_str_eq(c.rettext, "0x7f3c1000");
	ck_assert_int_eq(c.err, 0);
	/* A read's buffer is shown after the return, as many bytes as came. */
	r = (struct tr_raw){ .nr = SYS_read, .a = { 3, (unsigned long)buf, 8 },
	    .returned = true, .rval = 2 };
	trace_decode_entry(&r, self_peek, NULL, &c);
	ck_assert(strncmp(arg(&c, "buf"), "0x", 2) == 0);
	trace_decode_return(&r, self_peek, NULL, &c);
	ck_assert_str_eq(arg(&c, "buf"), "\"po\"");
	ck_assert_str_eq(c.rettext, "2");
}
END_TEST

START_TEST(which_calls_are_ipc)
{
	struct tr_target t;
	struct tr_raw	 r;
	int		 fds[2], null;
	const char	*shm = "/dev/shm/ipcscope-unit", *file = "/etc/passwd";

	ck_assert_int_eq(pipe(fds), 0);
	ck_assert_int_ne(null = open("/dev/null", O_RDONLY), -1);
	r = (struct tr_raw){ .nr = SYS_read, .a = { (unsigned long)fds[0] } };
	ck_assert(trace_is_ipc(getpid(), &r, self_peek, NULL, &t));
	ck_assert_msg(strncmp(t.fd, "pipe:[", 6) == 0, "fd %s", t.fd);
	r.a[0] = (unsigned long)null;
	ck_assert(!trace_is_ipc(getpid(), &r, self_peek, NULL, &t));
	r = (struct tr_raw){ .nr = SYS_openat,
	    .a = { (unsigned long)AT_FDCWD, (unsigned long)shm } };
	ck_assert(trace_is_ipc(getpid(), &r, self_peek, NULL, &t));
	ck_assert_int_eq(t.type, WT_PSHM);
	ck_assert_str_eq(t.name, "/ipcscope-unit");
	r.a[1] = (unsigned long)file;
	ck_assert(!trace_is_ipc(getpid(), &r, self_peek, NULL, &t));
	r = (struct tr_raw){ .nr = SYS_shmctl, .a = { 42, IPC_RMID } };
	ck_assert(trace_is_ipc(getpid(), &r, self_peek, NULL, &t));
	ck_assert_int_eq(t.type, WT_SHM);
	ck_assert_int_eq(t.id, 42);
	r = (struct tr_raw){ .nr = SYS_getpid };
	ck_assert(!trace_is_ipc(getpid(), &r, self_peek, NULL, &t));
	close(fds[0]);
	close(fds[1]);
	close(null);
}
END_TEST

Suite *
suite_step_decode(void)
{
	Suite	*s = suite_create("step_decode");
	TCase	*tc = tcase_create("decode");

	tcase_add_test(tc, flags_by_name);
	tcase_add_test(tc, keys_and_commands);
	tcase_add_test(tc, bytes_as_strace_quotes_them);
	tcase_add_test(tc, msgsnd_and_semop_read_the_tracee);
	tcase_add_test(tc, returns_in_words);
	tcase_add_test(tc, which_calls_are_ipc);
	suite_add_tcase(s, tc);
	return (s);
}
