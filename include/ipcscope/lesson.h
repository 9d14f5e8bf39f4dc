/*
 * The lessons: guided walks through real programs that ship with
 * ipcscope (their C source in assets/lessons, built into build/lessons), stepped one
 * IPC call at a time, a caption per step. A lesson file (NAME.lesson)
 * names the programs to run and the steps in order: which process moves,
 * the call it must be at, and what the class should watch. The format is
 * in the man page, section LESSONS. No curses: the screen is step_ui().
 */
#ifndef IPCSCOPE_LESSON_H
#define IPCSCOPE_LESSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct config;

#define LESSON_EXT		".lesson"
#define LESSON_FILE_MAX		(64 * 1024)	/* bytes in a file */
#define LESSON_LINE_MAX		512		/* bytes on a line */
#define LESSON_PROGS_MAX	4		/* TRACE_PROGS_MAX */
#define LESSON_ARGS_MAX		8		/* a program's argv, its name too */
#define LESSON_WORD_MAX		64		/* a label, a program, an arg */
#define LESSON_SUMMARY_MAX	160
#define LESSON_CAPTION_MAX	1024
#define LESSON_STEPS_MAX	64
#define LESSON_CHILDREN_MAX	8		/* forks of one program */

struct lesson_prog {
	char	label[LESSON_WORD_MAX];		/* "writer": steps name it */
	char	argv[LESSON_ARGS_MAX][LESSON_WORD_MAX];	/* [0]: the file,
					 * in the lessons' program directory */
	int	argc;
	int	line;
};

struct lesson_step {
	int	prog;			/* index into progs */
	int	child;			/* 0: the program itself; N: its N-th
					 * fork, in the order they were made */
	char	call[LESSON_WORD_MAX];	/* the call it must be at: "shmget" */
	char	caption[LESSON_CAPTION_MAX];
	int	line;
};

struct lesson {
	char			 summary[LESSON_SUMMARY_MAX];
	struct lesson_prog	 progs[LESSON_PROGS_MAX];
	int			 nprogs;
	struct lesson_step	 steps[LESSON_STEPS_MAX];
	int			 nsteps;
	char			 end[LESSON_CAPTION_MAX];	/* the last words */
};

/*
 * Parse a lesson file's text (len bytes, not NUL-terminated); path only
 * names it in errors. 0, or -1 with one line in err: "FILE:LINE: what".
 */
int	lesson_parse(const char *text, size_t len, const char *path,
	    struct lesson *, char *err, size_t errlen);
/* Read and parse the file at path. 0, or -1 with one line in err. */
int	lesson_load(const char *path, struct lesson *, char *err,
	    size_t errlen);
/* Is name a call the tracer stops at ("shmget", "ftok", "read")? */
bool	lesson_call_known(const char *name);

/*
 * Where the lessons are: the directory of the lesson files and the one
 * of their compiled programs, next to the binary when it runs from the
 * tree (assets/lessons, build/lessons), else the installed ones. 0, or
 * -1 when there is none.
 */
int	lesson_file_dir(char *dir, size_t len);
int	lesson_prog_dir(char *dir, size_t len);
/* NAME's file into path (NAME with a '/' is the file's own path); -1
 * with one line in err naming the lessons. */
int	lesson_path(const char *name, char *path, size_t len, char *err,
	    size_t errlen);
/* The lessons by name, each with its summary, one a line. 0 or -1. */
int	lesson_list(FILE *, char *err, size_t errlen);
/* "msg-queue, pipe, shm-lifecycle" into buf. */
void	lesson_names(char *buf, size_t len);

/* ipcscope lesson [NAME]: the face. Exit status. */
int	lesson_main(const struct config *, const char *name);

#endif
