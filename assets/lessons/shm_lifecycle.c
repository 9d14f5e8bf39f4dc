/*
 * shm_lifecycle.c -- the four calls of System V shared memory, and what
 * detaching and destroying each do.  Run twice, as the lesson does:
 *
 *	shm_lifecycle writer	creates the segment, writes, detaches,
 *				destroys it, makes a new one by the same key
 *	shm_lifecycle reader	finds the segment by its key, reads, detaches
 *
 * Nothing here waits for the other program: the lesson steps them in the
 * right order, one system call at a time.
 *
 * Build: cc -g -O0 -o shm_lifecycle shm_lifecycle.c
 */
#include <sys/ipc.h>
#include <sys/shm.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEG_SIZE	4096	/* one page */
#define PROJ_ID		'S'	/* ftok's "project": any letter */

static int
writer(key_t key)
{
	char	*mem;
	int	 id, id2;

	/* Create: a new segment of SEG_SIZE bytes, nobody attached yet. */
	id = shmget(key, SEG_SIZE, IPC_CREAT | IPC_EXCL | 0600);
	if (id == -1) {
		perror("writer: shmget");
		return (1);
	}
	/* Attach: map the segment into this process; nattch goes up. */
	mem = shmat(id, NULL, 0);
	if (mem == (void *)-1) {
		perror("writer: shmat");
		shmctl(id, IPC_RMID, NULL);
		return (1);
	}
	/* Write: plain memory, no system call at all. */
	strcpy(mem, "hello from the writer");
	printf("writer: wrote \"%s\" into segment %d\n", mem, id);

	/* Detach: this process lets go; the segment stays. */
	if (shmdt(mem) == -1)
		perror("writer: shmdt");

	/* Destroy: mark it for removal; it goes when the last detaches. */
	if (shmctl(id, IPC_RMID, NULL) == -1)
		perror("writer: shmctl IPC_RMID");

	/* The key is free again: the same key makes a NEW segment. */
	id2 = shmget(key, SEG_SIZE, IPC_CREAT | IPC_EXCL | 0600);
	if (id2 == -1) {
		perror("writer: shmget again");
		return (1);
	}
	printf("writer: the same key now gives segment %d\n", id2);

	/* And that one is destroyed too: nothing is left behind. */
	if (shmctl(id2, IPC_RMID, NULL) == -1)
		perror("writer: shmctl IPC_RMID");
	return (0);
}

static int
reader(key_t key)
{
	char	*mem;
	int	 id;

	/* Find the writer's segment by its key: no IPC_CREAT. */
	id = shmget(key, 0, 0);
	if (id == -1) {
		perror("reader: shmget");
		return (1);
	}
	/* Attach read-only: nattch goes up again. */
	mem = shmat(id, NULL, SHM_RDONLY);
	if (mem == (void *)-1) {
		perror("reader: shmat");
		return (1);
	}
	/* Read: plain memory again. */
	printf("reader: read \"%s\" from segment %d\n", mem, id);

	/* Detach: if the segment was destroyed, this is its end. */
	if (shmdt(mem) == -1)
		perror("reader: shmdt");
	return (0);
}

int
main(int argc, char *argv[])
{
	key_t	key;

	if (argc != 2 || (strcmp(argv[1], "writer") != 0 &&
	    strcmp(argv[1], "reader") != 0)) {
		fprintf(stderr, "usage: shm_lifecycle writer|reader\n");
		return (2);
	}
	/* A key from a file both programs know (this program) and a letter. */
	key = ftok(argv[0], PROJ_ID);
	if (key == -1) {
		perror("ftok");
		return (1);
	}
	printf("%s: key 0x%08x\n", argv[1], (unsigned)key);
	if (strcmp(argv[1], "writer") == 0)
		return (writer(key));
	return (reader(key));
}
