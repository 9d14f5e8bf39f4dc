/* The JSON writer: escaping, nesting and commas, byte for byte. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipcscope/board.h"
#include "ipcscope/json.h"
#include "ipcscope/snapshot.h"
#include "suites.h"


static struct snapshot	snap;

static char	*out;
static size_t	 outlen;

static FILE *
mem(void)
{
	FILE	*f;

	f = open_memstream(&out, &outlen);
	ck_assert_ptr_nonnull(f);
	return (f);
}

/* Close the stream and compare what was written. */
static void
expect(FILE *f, const char *want)
{
	fclose(f);
	ck_assert_str_eq(out, want);
	free(out);
	out = NULL;
}

START_TEST(escaping)
{
	struct json	j;
	FILE		*f = mem();

	json_begin(&j, f);
	json_obj(&j, NULL);
	json_str(&j, "q", "say \"hi\"");
	json_str(&j, "b", "C:\\dir");
	json_str(&j, "n", "two\nlines");
	json_str(&j, "c", "tab\there\001\037");
	json_str(&j, "u", "caf\xc3\xa9 \xe2\x96\xb6");
	json_str(&j, "k\"ey", "v");
	json_str(&j, "null", NULL);
	json_obj_end(&j);
	json_end(&j);
	expect(f, "{\"q\":\"say \\\"hi\\\"\",\"b\":\"C:\\\\dir\","
	    "\"n\":\"two\\nlines\",\"c\":\"tab\\u0009here\\u0001\\u001f\","
	    "\"u\":\"caf\xc3\xa9 \xe2\x96\xb6\",\"k\\\"ey\":\"v\","
	    "\"null\":null}\n");
}
END_TEST

/* Bytes that are not UTF-8 (a path from the environment) come out as '?',
 * one for one, so the line stays valid JSON and no string grows; valid
 * sequences pass as they are. */
START_TEST(invalid_utf8_escaped)
{
	struct json	j;
	FILE		*f = mem();

	json_begin(&j, f);
	json_obj(&j, NULL);
	json_str(&j, "p", "/run/\xff/x \xc3\xa9 \xc0\xaf \xed\xa0\x80 "
	    "\xf4\x90\x80\x80 \xe2\x82 \xf0\x9f\x98\x80");
	json_obj_end(&j);
	json_end(&j);
	expect(f, "{\"p\":\"/run/?/x \xc3\xa9 ?? ??? ???? ?? "
	    "\xf0\x9f\x98\x80\"}\n");
}
END_TEST

START_TEST(nesting_and_commas)
{
	struct json	j;
	FILE		*f = mem();

	json_begin(&j, f);
	json_obj(&j, NULL);
	json_int(&j, "a", 1);
	json_arr(&j, "list");
	json_int(&j, NULL, -2);
	json_int(&j, NULL, 9223372036854775807LL);
	json_obj(&j, NULL);
	json_bool(&j, "t", true);
	json_bool(&j, "f", false);
	json_obj_end(&j);
	json_arr(&j, NULL);
	json_arr_end(&j);
	json_arr_end(&j);
	json_obj(&j, "empty");
	json_obj_end(&j);
	json_obj(&j, "deep");
	json_obj(&j, "er");
	json_null(&j, "x");
	json_obj_end(&j);
	json_str(&j, "after", "y");
	json_obj_end(&j);
	json_int(&j, "z", 0);
	json_obj_end(&j);
	json_end(&j);
	expect(f, "{\"a\":1,\"list\":[-2,9223372036854775807,"
	    "{\"t\":true,\"f\":false},[]],\"empty\":{},"
	    "\"deep\":{\"er\":{\"x\":null},\"after\":\"y\"},\"z\":0}\n");
}
END_TEST

START_TEST(one_line_per_object)
{
	struct json	j;
	FILE		*f = mem();
	int		 i;

	/* The headless stream: each object starts afresh, no leading comma. */
	for (i = 0; i < 3; i++) {
		json_begin(&j, f);
		json_obj(&j, NULL);
		json_int(&j, "step", i);
		json_obj_end(&j);
		json_end(&j);
	}
	expect(f, "{\"step\":0}\n{\"step\":1}\n{\"step\":2}\n");
}
END_TEST

/* One worker as the headless line prints it, alone in a snapshot. */
static void
expect_worker(const struct snap_worker *w, const char *want)
{
	FILE	*f = mem();
	char	*p, *end;

	memset(&snap, 0, sizeof(snap));
	snap.workers[0] = *w;
	snap.nworkers = 1;
	snapshot_json_write(f, &snap);
	fclose(f);
	ck_assert_ptr_nonnull(p = strstr(out, "\"workers\":[{"));
	p += strlen("\"workers\":[");
	ck_assert_ptr_nonnull(end = strstr(p, "}]"));
	end[1] = '\0';
	ck_assert_str_eq(p, want);
	free(out);
	out = NULL;
}

/* Each state a worker can be in, and the fields that tell them apart. */
START_TEST(worker_states)
{
	struct snap_worker	w;

	/* Between steps: ready for a permit, not blocked. */
	memset(&w, 0, sizeof(w));
	w.role = ROLE_PRODUCER;
	w.id = 1;
	w.pid = 4102;
	w.alive = true;
	strlcpy(w.phase, "wait-empty", sizeof(w.phase));
	strlcpy(w.call, "semop(empty, -1)", sizeof(w.call));
	w.state = 'S';
	strlcpy(w.wchan, "futex_do_wait", sizeof(w.wchan));
	w.waiting_permit = true;
	w.done = 3;
	expect_worker(&w, "{\"role\":\"producer\",\"id\":1,\"pid\":4102,"
	    "\"alive\":true,\"phase\":\"wait-empty\","
	    "\"call\":\"semop(empty, -1)\",\"from\":null,\"to\":null,\"state\":\"S\","
	    "\"wchan\":\"futex_do_wait\",\"ready\":true,\"blocked\":false,"
	    "\"holds\":\"\",\"done\":3,\"line\":null}");

	/* Asleep in the transport's call, holding a lock and an item. */
	w.waiting_permit = false;
	w.blocked = true;
	strlcpy(w.wchan, "__do_semtimedop", sizeof(w.wchan));
	strlcpy(w.reason, "empty is 0", sizeof(w.reason));
	strlcpy(w.holds, "mutex", sizeof(w.holds));
	w.carrying = true;
	w.item_seq = 7;
	w.line = 4;
	strlcpy(w.line_text, "semop(empty, -1);", sizeof(w.line_text));
	expect_worker(&w, "{\"role\":\"producer\",\"id\":1,\"pid\":4102,"
	    "\"alive\":true,\"phase\":\"wait-empty\","
	    "\"call\":\"semop(empty, -1)\",\"from\":null,\"to\":null,\"state\":\"S\","
	    "\"wchan\":\"__do_semtimedop\",\"ready\":false,"
	    "\"blocked\":true,\"reason\":\"empty is 0\","
	    "\"holds\":\"mutex\",\"carrying\":7,\"done\":3,\"line\":{\"number\":4,"
	    "\"text\":\"semop(empty, -1);\"}}");

	/* Running its step: neither. */
	memset(&w, 0, sizeof(w));
	w.role = ROLE_CONSUMER;
	w.id = 2;
	w.pid = 4103;
	w.alive = true;
	strlcpy(w.phase, "read-slot", sizeof(w.phase));
	strlcpy(w.call, "read slot", sizeof(w.call));
	w.state = 'R';
	w.done = 5;
	expect_worker(&w, "{\"role\":\"consumer\",\"id\":2,\"pid\":4103,"
	    "\"alive\":true,\"phase\":\"read-slot\",\"call\":\"read slot\",\"from\":null,\"to\":null,"
	    "\"state\":\"R\",\"wchan\":\"\",\"ready\":false,"
	    "\"blocked\":false,\"holds\":\"\",\"done\":5,\"line\":null}");

	/* Dead: killed by a signal, nothing else true; no line, whatever
	 * it ran last. */
	w.line = 3;
	w.alive = false;
	w.state = '-';
	w.exit_signal = 9;
	expect_worker(&w, "{\"role\":\"consumer\",\"id\":2,\"pid\":4103,"
	    "\"alive\":false,\"phase\":\"read-slot\",\"call\":\"read slot\",\"from\":null,\"to\":null,"
	    "\"state\":\"-\",\"wchan\":\"\",\"ready\":false,"
	    "\"blocked\":false,\"holds\":\"\",\"done\":5,\"killed_by\":9,"
	    "\"line\":null}");
}
END_TEST

/*
 * A whole line, each field with a value of its own, so that a field
 * written from another, or under another name, shows. Every kernel
 * object at once, which no transport does, but the writer does not care.
 */
START_TEST(every_field)
{
	FILE	*f = mem();

	unit_fill_every_field(&snap);
	snapshot_json_write(f, &snap);
	expect(f,
	    "{\"step\":11,\"key\":\"p\",\"transport\":\"sysv-shm\",\"title\":\"System V\","
	    "\"ms\":1234,\"mode\":\"run\",\"granularity\":\"item\",\"speed_ms\":23,"
	    "\"cspeed_ms\":24,\"produced\":12,\"consumed\":13,\"audit\":{\"taken\":14,"
	    "\"duplicates\":15,\"out_of_order\":16,\"unknown\":17,\"lost\":1017},\"state\":\"partial\","
	    "\"buffer\":{\"capacity\":3,"
	    "\"count\":2,\"in\":1,\"out\":2,\"slots\":[{\"index\":0,\"full\":true,"
	    "\"seq\":18,\"producer\":19},{\"index\":1,\"full\":true,\"seq\":20,"
	    "\"producer\":21,\"mtype\":22},{\"index\":2,\"full\":false}],"
	    "\"note\":\"peeked\"},\"kernel\":{\"shm\":{\"id\":101,\"key\":\"0x00000102\","
	    "\"perms\":\"0640\",\"size\":103,\"nattch\":104,\"viewer_attached\":105,"
	    "\"cpid\":106,\"lpid\":107,\"atime\":108,\"dtime\":109,\"ctime\":110,"
	    "\"dest\":true},\"sem\":{\"id\":201,\"key\":\"0x00000202\",\"perms\":\"0600\","
	    "\"nsems\":3,\"values\":{\"empty\":203,\"full\":204,\"mutex\":205},"
	    "\"waiting\":{\"empty\":206,\"full\":207,\"mutex\":208},\"zcnt\":{\"empty\":209,"
	    "\"full\":210,\"mutex\":211},\"pids\":{\"empty\":212,\"full\":213,"
	    "\"mutex\":214},\"otime\":215,\"ctime\":216},\"msq\":{\"id\":301,"
	    "\"key\":\"0x00000302\",\"perms\":\"0600\",\"qnum\":303,\"cbytes\":304,"
	    "\"qbytes\":305,\"lspid\":306,\"lrpid\":307,\"stime\":308,\"rtime\":309,"
	    "\"ctime\":310},\"posix_shm\":{\"name\":\"/ipcscope.1.shm\",\"size\":401,"
	    "\"mappers\":[402,403]},\"mq\":{\"name\":\"/ipcscope.1.mq\",\"curmsgs\":501,"
	    "\"maxmsg\":502,\"msgsize\":503,\"waiting\":{\"send\":504,\"receive\":505}},"
	    "\"pipe\":{\"path\":\"/run/fifo\",\"queued\":601,\"capacity\":602},"
	    "\"socket\":{\"type\":\"stream\",\"inq\":701,\"outq\":702,\"sndbuf\":703,"
	    "\"rcvbuf\":704}},\"buffers\":[{\"name\":\"B1\",\"objects\":[\"shm 101\","
	    "\"sem 201\"],\"capacity\":3,\"count\":2,\"in\":1,\"out\":2,\"slots\":[{\"index\":0,"
	    "\"full\":true,\"seq\":18,\"producer\":19},{\"index\":1,\"full\":true,"
	    "\"seq\":20,\"producer\":21,\"mtype\":22},{\"index\":2,\"full\":false}],"
	    "\"note\":\"peeked\"}],\"objects\":[{\"kind\":\"shm\",\"ident\":\"shm 101\","
	    "\"id\":101,\"key\":\"0x00000102\",\"perms\":\"0640\",\"size\":103,"
	    "\"nattch\":104,\"viewer_attached\":105,\"cpid\":106,\"lpid\":107,"
	    "\"atime\":108,\"dtime\":109,\"ctime\":110,\"dest\":true},{\"kind\":\"sem\","
	    "\"ident\":\"sem 201\",\"posix\":false,\"names\":[\"empty\",\"full\","
	    "\"mutex\"],\"id\":201,\"key\":\"0x00000202\",\"perms\":\"0600\","
	    "\"nsems\":3,\"values\":{\"empty\":203,\"full\":204,\"mutex\":205},"
	    "\"waiting\":{\"empty\":206,\"full\":207,\"mutex\":208},\"zcnt\":{\"empty\":209,"
	    "\"full\":210,\"mutex\":211},\"pids\":{\"empty\":212,\"full\":213,"
	    "\"mutex\":214},\"otime\":215,\"ctime\":216},{\"kind\":\"msq\","
	    "\"ident\":\"msq 301\",\"id\":301,\"key\":\"0x00000302\",\"perms\":\"0600\","
	    "\"qnum\":303,\"cbytes\":304,\"qbytes\":305,\"lspid\":306,\"lrpid\":307,"
	    "\"stime\":308,\"rtime\":309,\"ctime\":310},{\"kind\":\"posix_shm\","
	    "\"ident\":\"/ipcscope.1.shm\",\"name\":\"/ipcscope.1.shm\",\"size\":401,"
	    "\"mappers\":[402,403]},{\"kind\":\"mq\",\"ident\":\"/ipcscope.1.mq\","
	    "\"name\":\"/ipcscope.1.mq\",\"curmsgs\":501,\"maxmsg\":502,\"msgsize\":503,"
	    "\"waiting\":{\"send\":504,\"receive\":505}},{\"kind\":\"fifo\","
	    "\"ident\":\"/run/fifo\",\"path\":\"/run/fifo\",\"queued\":601,"
	    "\"capacity\":602},{\"kind\":\"socket\",\"ident\":\"socket:[7]\","
	    "\"type\":\"stream\",\"inq\":701,\"outq\":702,\"sndbuf\":703,"
	    "\"rcvbuf\":704}],\"workers\":[{\"role\":\"consumer\",\"id\":801,"
	    "\"pid\":802,\"alive\":true,\"phase\":\"read\",\"call\":\"read(fd)\","
	    "\"from\":\"B1\",\"to\":null,\"state\":\"S\",\"wchan\":\"\",\"ready\":false,"
	    "\"blocked\":false,\"holds\":\"\",\"done\":803,\"line\":{\"number\":2,"
	    "\"text\":\"n = read(fd, buf, N);\"}}],\"code\":{\"producer\":["
	    "\"write(fd, \\\"\\\\x\\\", N);\"],\"consumer\":[\"while (1) {\","
	    "\"  n = read(fd, buf, N);\",\"}\"]},\"selected\":0,"
	    "\"facts\":[{\"worker\":\"C801\",\"phase\":\"read\",\"call\":\"read(fd)\","
	    "\"outcome\":\"partial\",\"ret\":901,\"errno\":null,\"slot\":902,"
	    "\"item\":903,\"other\":906,\"got\":904,\"want\":905},{\"worker\":\"P1\",\"woken\":true,"
	    "\"phase\":\"write\",\"call\":\"write(fd)\",\"outcome\":\"failed\","
	    "\"ret\":-1,\"errno\":\"EPIPE\"}],\"notes\":\"no MSG_COPY\",\"closing\":{\"reason\":\"signal\","
	    "\"signal\":15,\"status\":143},\"event\":\"P1 did it\"}\n");
}
END_TEST

/* The other choices: step mode, call granularity, POSIX semaphores, a
 * pipe, a datagram socket, no buffer, no notes, untimed. */
START_TEST(other_choices)
{
	static const char	*names[] = { "empty", "full" };
	struct snap_object	*o;
	FILE			*f = mem();
	int			 i;

	snapshot_clear(&snap);
	strlcpy(snap.key, "space", sizeof(snap.key));
	strlcpy(snap.transport, "posix-shm", sizeof(snap.transport));
	snap.mode = MODE_STEP;
	snap.granularity = GRAIN_CALL;
	o = snapshot_add_object(&snap, OBJ_SEM, "/x sem_t");
	o->u.sem.posix = true;
	o->u.sem.nsems = 2;
	for (i = 0; i < 2; i++)
		strlcpy(o->u.sem.names[i], names[i], sizeof(o->u.sem.names[i]));
	o->u.sem.values[0] = 1;
	o->u.sem.ncnt[1] = 2;
	o = snapshot_add_object(&snap, OBJ_PIPE, "pipe:[9]");
	o->u.pipe.queued = 3;
	o->u.pipe.capacity = 4;
	snapshot_add_object(&snap, OBJ_SOCKET, "socket:[10]");
	snapshot_json_write(f, &snap);
	expect(f,
	    "{\"step\":0,\"key\":\"space\",\"transport\":\"posix-shm\",\"title\":\"\","
	    "\"mode\":\"step\",\"granularity\":\"call\",\"speed_ms\":0,\"cspeed_ms\":0,"
	    "\"produced\":0,\"consumed\":0,\"audit\":{\"taken\":0,\"duplicates\":0,"
	    "\"out_of_order\":0,\"unknown\":0,\"lost\":0},\"state\":\"partial\","
	    "\"kernel\":{\"sem\":{\"values\":{\"empty\":1,"
	    "\"full\":0},\"waiting\":{\"empty\":0,\"full\":2}},\"pipe\":{\"queued\":3,"
	    "\"capacity\":4},\"socket\":{\"type\":\"dgram\",\"inq\":0,\"outq\":0,"
	    "\"sndbuf\":0,\"rcvbuf\":0}},\"buffers\":[],\"objects\":[{\"kind\":\"sem\","
	    "\"ident\":\"/x sem_t\",\"posix\":true,\"names\":[\"empty\",\"full\"],"
	    "\"values\":{\"empty\":1,\"full\":0},\"waiting\":{\"empty\":0,"
	    "\"full\":2}},{\"kind\":\"pipe\",\"ident\":\"pipe:[9]\",\"queued\":3,"
	    "\"capacity\":4},{\"kind\":\"socket\",\"ident\":\"socket:[10]\","
	    "\"type\":\"dgram\",\"inq\":0,\"outq\":0,\"sndbuf\":0,\"rcvbuf\":0}],"
	    "\"workers\":[],\"code\":{\"producer\":[],\"consumer\":[]},\"selected\":-1,\"facts\":[],\"event\":\"\"}\n");
}
END_TEST

Suite *
suite_json(void)
{
	Suite	*s = suite_create("json");
	TCase	*tc = tcase_create("writer");

	tcase_add_test(tc, escaping);
	tcase_add_test(tc, invalid_utf8_escaped);
	tcase_add_test(tc, nesting_and_commas);
	tcase_add_test(tc, one_line_per_object);
	suite_add_tcase(s, tc);
	tc = tcase_create("snapshot");
	tcase_add_test(tc, worker_states);
	tcase_add_test(tc, every_field);
	tcase_add_test(tc, other_choices);
	suite_add_tcase(s, tc);
	return (s);
}
