/*
 * msg_queue.c -- a System V message queue between a sender and a
 * receiver.  Run twice, as the lesson does:
 *
 *	msg_queue sender	makes a small queue, sends four messages
 *				of three types, then removes the queue
 *	msg_queue receiver	takes the message of type 2, then waits for
 *				a type nobody sends
 *
 * Nothing here waits for the other program: the lesson steps them in the
 * right order, one system call at a time.
 *
 * Build: cc -g -O0 -o msg_queue msg_queue.c
 */
#include <sys/ipc.h>
#include <sys/msg.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#define PROJ_ID		'Q'
#define TEXT_SIZE	64		/* bytes of text per message */
#define QUEUE_MSGS	3		/* the queue holds three messages */

struct message {
	long	mtype;			/* > 0: the receiver can pick by it */
	char	mtext[TEXT_SIZE];
};

static int
send_one(int id, long type, const char *text)
{
	struct message	m;

	m.mtype = type;
	memset(m.mtext, 0, sizeof(m.mtext));
	strncpy(m.mtext, text, sizeof(m.mtext) - 1);
	/* Blocks while the queue has no room for TEXT_SIZE more bytes. */
	if (msgsnd(id, &m, sizeof(m.mtext), 0) == -1) {
		perror("sender: msgsnd");
		return (-1);
	}
	printf("sender: sent type %ld \"%s\"\n", type, text);
	return (0);
}

static int
sender(key_t key)
{
	struct msqid_ds	ds;
	int		id;

	id = msgget(key, IPC_CREAT | IPC_EXCL | 0600);
	if (id == -1) {
		perror("sender: msgget");
		return (1);
	}
	/* Make the queue small: room for QUEUE_MSGS messages only. */
	if (msgctl(id, IPC_STAT, &ds) == -1)
		perror("sender: msgctl IPC_STAT");
	ds.msg_qbytes = QUEUE_MSGS * TEXT_SIZE;
	if (msgctl(id, IPC_SET, &ds) == -1)
		perror("sender: msgctl IPC_SET");

	send_one(id, 1, "first, type 1");
	send_one(id, 2, "second, type 2");
	send_one(id, 3, "third, type 3");
	/* The queue is full now: this one waits for room. */
	send_one(id, 1, "fourth, type 1");

	/* Done: remove the queue, and whatever is still in it. */
	if (msgctl(id, IPC_RMID, NULL) == -1)
		perror("sender: msgctl IPC_RMID");
	return (0);
}

static int
receiver(key_t key)
{
	struct message	m;
	int		id;

	id = msgget(key, 0);
	if (id == -1) {
		perror("receiver: msgget");
		return (1);
	}
	/* Type 2 only: the kernel skips the type 1 message before it. */
	if (msgrcv(id, &m, sizeof(m.mtext), 2, 0) == -1) {
		perror("receiver: msgrcv");
		return (1);
	}
	printf("receiver: got type %ld \"%s\"\n", m.mtype, m.mtext);

	/* Type 4: nobody sends one, so this waits... */
	if (msgrcv(id, &m, sizeof(m.mtext), 4, 0) == -1) {
		/* ...until the queue is removed under it: EIDRM. */
		printf("receiver: msgrcv failed: %s%s\n", strerror(errno),
		    errno == EIDRM ? " (EIDRM: the queue was removed)" : "");
		return (errno == EIDRM ? 0 : 1);
	}
	printf("receiver: got type %ld \"%s\"\n", m.mtype, m.mtext);
	return (0);
}

int
main(int argc, char *argv[])
{
	key_t	key;

	if (argc != 2 || (strcmp(argv[1], "sender") != 0 &&
	    strcmp(argv[1], "receiver") != 0)) {
		fprintf(stderr, "usage: msg_queue sender|receiver\n");
		return (2);
	}
	key = ftok(argv[0], PROJ_ID);
	if (key == -1) {
		perror("ftok");
		return (1);
	}
	if (strcmp(argv[1], "sender") == 0)
		return (sender(key));
	return (receiver(key));
}
