/* The watch model: /proc/sysvipc lines, a real sample, frame to frame, JSON. */
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipcscope/watch.h"
#include "ipcscope/watch_columns.h"
#include "ipcscope/watch_face.h"
#include "suites.h"

/* Lines as this kernel prints them (6.18): keys in decimal, perms octal. */
START_TEST(parse_lines)
{
	struct watch_obj	o;

	memset(&o, 0, sizeof(o));
	ck_assert_int_eq(watch_parse_shm("         0      32769  1600          "
	    "      4096  4101  4103      2     0     0     0     0 1795000001 "
	    "1795000002 1795000003                  4096                     0\n",
	    &o), 0);
	ck_assert_int_eq(o.type, WT_SHM);
	ck_assert_int_eq(o.shm.id, 32769);
	ck_assert_uint_eq(o.shm.key, 0);
	ck_assert_int_eq(o.shm.nattch, 2);
	ck_assert(o.shm.dest);			/* SHM_DEST, 01000 */
	ck_assert_uint_eq(o.perms, 0600);
	ck_assert_int_eq(o.shm.cpid, 4101);
	ck_assert_int_eq(o.shm.lpid, 4103);
	ck_assert_uint_eq(o.shm.size, 4096);
	ck_assert_str_eq(o.ident, "shm 32769");

	memset(&o, 0, sizeof(o));
	/* A key past 0x7fffffff prints negative. */
	ck_assert_int_eq(watch_parse_msg("        -1          3   644          "
	    "50          5  4200     0     0     0     0     0 1795000001 0 "
	    "1795000003\n", &o), 0);
	ck_assert_uint_eq(o.msq.key, 0xffffffffu);
	ck_assert_uint_eq(o.msq.cbytes, 50);
	ck_assert_uint_eq(o.msq.qnum, 5);
	ck_assert_int_eq(o.msq.lspid, 4200);
	ck_assert_uint_eq(o.perms, 0644);

	memset(&o, 0, sizeof(o));
	ck_assert_int_eq(watch_parse_sem("1234567890          7   600          "
	    "3     0     0     0     0          0 1795000003\n", &o), 0);
	ck_assert_uint_eq(o.sem.key, 1234567890u);
	ck_assert_int_eq(o.sem.nsems, 3);

	/* The heading, and a line cut short, are not objects. */
	ck_assert_int_eq(watch_parse_shm("       key      shmid perms  size\n",
	    &o), -1);
	ck_assert_int_eq(watch_parse_msg("  5  3  644  50\n", &o), -1);
}
END_TEST

static const struct watch_obj *
find(const struct watch_list *l, enum watch_type t, int id)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		if (l->v[i].type == t && watch_id(&l->v[i]) == id &&
		    l->v[i].gone_ms == 0)
			return (&l->v[i]);
	return (NULL);
}

/* A real segment, queue and set: what IPC_STAT and semctl add. */
START_TEST(sample_real_objects)
{
	struct watch_list	 l = { 0 };
	const struct watch_obj	*o;
	struct {
		long	mtype;
		char	text[8];
	} m = { 1, "abc" };
	unsigned short		 v[2] = { 3, 0 };
	void			*p;
	int			 shm, msq, sem;

	shm = shmget(IPC_PRIVATE, 100, IPC_CREAT | 0600);
	msq = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
	sem = semget(IPC_PRIVATE, 2, IPC_CREAT | 0600);
	ck_assert(shm >= 0 && msq >= 0 && sem >= 0);
	unit_track('m', shm);
	unit_track('q', msq);
	unit_track('s', sem);
	ck_assert_int_eq(semctl(sem, 0, SETALL, v), 0);
	ck_assert_int_eq(msgsnd(msq, &m, 4, 0), 0);
	ck_assert((p = shmat(shm, NULL, SHM_RDONLY)) != (void *)-1);

	ck_assert_int_eq(watch_sample(&l), 0);
	ck_assert((o = find(&l, WT_SHM, shm)) != NULL);
	ck_assert_int_eq(o->shm.nattch, 1);
	ck_assert_int_eq(o->shm.cpid, getpid());
	ck_assert(o->readable);
	ck_assert((o = find(&l, WT_MSG, msq)) != NULL);
	ck_assert_uint_eq(o->msq.qnum, 1);
	ck_assert_uint_eq(o->msq.cbytes, 4);
	ck_assert_uint_gt(o->msq.qbytes, 0);	/* from msgctl alone */
	ck_assert((o = find(&l, WT_SEM, sem)) != NULL);
	ck_assert_int_eq(o->sem.nsems, 2);
	ck_assert(o->sem.values != NULL);
	ck_assert_int_eq(o->sem.values[0], 3);
	ck_assert_int_eq(o->sem.values[1], 0);
	ck_assert_int_eq(o->sem.pid[0], getpid());	/* SETALL sets sempid */

	shmdt(p);
	unit_rmid('m', shm);
	unit_rmid('q', msq);
	unit_rmid('s', sem);
	watch_free(&l);
}
END_TEST

/* Frame to frame: new marked, changes found, removed kept a while. */
START_TEST(merge_marks)
{
	struct watch_list	 a = { 0 }, b = { 0 }, c = { 0 };
	struct watch_obj	*o;

	a.at_ms = 1000;
	o = watch_add(&a);
	watch_parse_shm("1 5 600 4096 10 0 0 0 0 0 0 0 0 1\n", o);
	o = watch_add(&a);
	watch_parse_shm("2 6 600 4096 10 0 0 0 0 0 0 0 0 1\n", o);
	watch_sort(&a);
	watch_merge(&a, &c, true);
	ck_assert_int_eq(a.v[0].born_ms, 0);	/* there from the start */

	b.at_ms = 1500;
	o = watch_add(&b);
	watch_parse_shm("1 5 600 4096 10 11 1 0 0 0 0 0 0 1\n", o);
	o = watch_add(&b);
	watch_parse_shm("3 7 600 4096 10 0 0 0 0 0 0 0 0 1\n", o);
	watch_sort(&b);
	watch_merge(&b, &a, false);
	ck_assert_uint_eq(b.n, 3);		/* 6 removed, still listed */
	ck_assert_int_eq(b.v[0].shm.id, 5);
	ck_assert(b.v[0].changed & WCH_DEPTH);
	ck_assert(b.v[0].changed & WCH_PID2);
	ck_assert(!(b.v[0].changed & WCH_USED));
	ck_assert_int_eq(b.v[1].shm.id, 6);
	ck_assert_int_eq(b.v[1].gone_ms, 1500);
	ck_assert_int_eq(b.v[2].shm.id, 7);
	ck_assert_int_eq(b.v[2].born_ms, 1500);

	/* Past WATCH_MARK_MS the removed one is dropped. */
	watch_clear(&a);
	a.at_ms = 1500 + WATCH_MARK_MS;
	o = watch_add(&a);
	watch_parse_shm("1 5 600 4096 10 11 1 0 0 0 0 0 0 1\n", o);
	watch_merge(&a, &b, false);
	ck_assert_uint_eq(a.n, 2);		/* 5, and 7 now removed */
	ck_assert_int_eq(a.v[1].shm.id, 7);
	ck_assert_int_ne(a.v[1].gone_ms, 0);
	watch_free(&a);
	watch_free(&b);
}
END_TEST

START_TEST(json_names)
{
	struct watch_list	 l = { 0 };
	struct watch_obj	*o;
	char			*buf = NULL;
	size_t			 len = 0;
	FILE			*f;

	o = watch_add(&l);
	watch_parse_msg("4660 3 600 50 5 4200 0 0 0 0 0 0 0 1\n", o);
	strlcpy(o->owner, "root", sizeof(o->owner));
	o->readable = false;			/* qbytes unknown */
	ck_assert((f = open_memstream(&buf, &len)) != NULL);
	watch_json_write(f, &l, NULL);
	fclose(f);
	ck_assert_msg(strstr(buf, "\"type\":\"msg\",\"key\":\"0x00001234\","
	    "\"id\":3,\"owner\":\"root\"") != NULL, "%s", buf);
	ck_assert_msg(strstr(buf, "\"perms\":\"rw-------\",\"mode\":\"0600\"")
	    != NULL, "%s", buf);
	ck_assert_msg(strstr(buf, "\"qnum\":5,\"cbytes\":50,\"qbytes\":null,"
	    "\"lspid\":4200,\"lrpid\":0") != NULL, "%s", buf);
	free(buf);
	watch_free(&l);
}
END_TEST

START_TEST(option_values)
{
	char		err[256];
	unsigned	key = 0;

	ck_assert_int_eq(watch_delay_arg("-d", "0.5", err, sizeof(err)), 500);
	ck_assert_int_eq(watch_delay_arg("-d", "0", err, sizeof(err)), 0);
	ck_assert_int_eq(watch_delay_arg("-d", "2", err, sizeof(err)), 2000);
	ck_assert_int_eq(watch_delay_arg("-d", "3601", err, sizeof(err)), -1);
	ck_assert_str_eq(err, "-d \"3601\": too large; allowed: 0..3600");
	ck_assert_int_eq(watch_delay_arg("-d", ".5", err, sizeof(err)), -1);
	ck_assert_int_eq(watch_key_arg("--key", "0x1234", &key, err,
	    sizeof(err)), 0);
	ck_assert_uint_eq(key, 0x1234);
	ck_assert_int_eq(watch_key_arg("--key", "4660", &key, err,
	    sizeof(err)), 0);
	ck_assert_uint_eq(key, 0x1234);
	ck_assert_int_eq(watch_key_arg("--key", "0", &key, err, sizeof(err)),
	    -1);
	ck_assert_int_eq(watch_key_arg("--key", "0x100000000", &key, err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, "--key \"0x100000000\": too large; allowed: "
	    "1..4294967295");
}
END_TEST

/* The column named name in watch_columns[]. */
static size_t
column(const char *name)
{
	size_t	i;

	for (i = 0; i < watch_ncolumns; i++)
		if (strcmp(watch_columns[i].name, name) == 0)
			return (i);
	ck_abort_msg("no column %s", name);
	return (0);
}

/* Each column orders by what it shows: numbers as numbers. */
START_TEST(columns_compare)
{
	struct watch_obj	a, b;
	int			va[2] = { 3, 0 }, vb[2] = { 1, 9 }, z[2] = { 0, 0 };

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	a.type = b.type = WT_SHM;
	a.shm.id = 9, b.shm.id = 10;
	a.shm.key = 0x20, b.shm.key = 0x100;
	a.shm.size = 4096, b.shm.size = 27;
	a.shm.nattch = 2, b.shm.nattch = 11;
	a.shm.cpid = 300, b.shm.cpid = 40;
	a.shm.lpid = 5, b.shm.lpid = 6;
	a.shm.ctime = 1795000002, b.shm.ctime = 1795000001;
	a.perms = 0640, b.perms = 0600;
	a.readable = b.readable = true;
	b.shm.dest = true;
	strlcpy(a.owner, "root", sizeof(a.owner));
	strlcpy(b.owner, "nobody", sizeof(b.owner));
	a.hist[0] = 7, a.hist_n = 1;
	b.hist[0] = 1, b.hist[1] = 3, b.hist_n = 2;
#define CMP(n)	watch_columns[column(n)].cmp(&a, &b, 0)
	ck_assert_int_eq(CMP("type"), 0);	/* a tie: the list's order */
	ck_assert_int_lt(CMP("id"), 0);		/* 9 before 10 */
	ck_assert_int_lt(CMP("key"), 0);
	ck_assert_int_gt(CMP("owner"), 0);
	ck_assert_int_gt(CMP("perms"), 0);
	ck_assert_int_gt(CMP("size"), 0);
	ck_assert_int_lt(CMP("depth"), 0);	/* 2 before 11 */
	ck_assert_int_gt(CMP("cpid"), 0);
	ck_assert_int_lt(CMP("lpid"), 0);
	ck_assert_int_lt(CMP("state"), 0);	/* "" before "dest" */
	ck_assert_int_gt(CMP("changed"), 0);
	ck_assert_int_gt(CMP("minute"), 0);	/* a peak of 7 after 3 */
	/* A System V key before a POSIX name, which shows in its place. */
	b.type = WT_PSHM;
	strlcpy(b.name, "/a", sizeof(b.name));
	ck_assert_int_lt(CMP("key"), 0);
	ck_assert_int_lt(CMP("type"), 0);
	ck_assert_int_gt(CMP("depth"), 0);	/* "-" before any number */
	/* Sets: by nsems, then by the values the column shows. */
	a.type = b.type = WT_SEM;
	a.sem.nsems = b.sem.nsems = 2;
	a.sem.values = va, b.sem.values = vb;
	a.sem.ncnt = a.sem.zcnt = b.sem.ncnt = b.sem.zcnt = z;
	ck_assert_int_gt(CMP("size"), 0);
	b.sem.nsems = 3;
	ck_assert_int_lt(CMP("size"), 0);
#undef CMP
}
END_TEST

/* s goes through the columns shown, and the heading marks the one. */
START_TEST(columns_heading)
{
	char	h[256];
	size_t	c, n;

	for (c = 0, n = 0; n == 0 || c != 0; n++)
		c = watch_column_next(c, 80);
	ck_assert_uint_eq(n, 9);		/* STATE.. are not on 80 */
	for (c = 0, n = 0; n == 0 || c != 0; n++)
		c = watch_column_next(c, 120);
	ck_assert_uint_eq(n, watch_ncolumns);

	watch_heading(h, sizeof(h), column("type"), false, true, 80);
	ck_assert_str_eq(h, " TYP\u25b2 KEY/NAME       ID OWNER   PERM "
	    "    SIZE/USED DEPTH CPID/SEND  LPID/RECV ");
	watch_heading(h, sizeof(h), column("size"), true, false, 80);
	ck_assert_str_eq(h, " TYPE KEY/NAME       ID OWNER   PERM "
	    "   SIZE/USEDv DEPTH CPID/SEND  LPID/RECV ");
	watch_heading(h, sizeof(h), column("minute"), false, false, 120);
	ck_assert_str_eq(h, " TYPE KEY/NAME       ID OWNER   PERM "
	    "    SIZE/USED DEPTH CPID/SEND  LPID/RECV  STATE   CHANGED  "
	    "LAST MINUTE^");
}
END_TEST

Suite *
suite_watch(void)
{
	Suite	*s = suite_create("watch");
	TCase	*tc = tcase_create("watch");

	tcase_add_test(tc, parse_lines);
	tcase_add_test(tc, sample_real_objects);
	tcase_add_test(tc, merge_marks);
	tcase_add_test(tc, json_names);
	tcase_add_test(tc, option_values);
	tcase_add_test(tc, columns_compare);
	tcase_add_test(tc, columns_heading);
	suite_add_tcase(s, tc);
	return (s);
}
