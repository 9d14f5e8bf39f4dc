/* The lesson file parser: a whole file, the shipped lessons, and each
 * error with its file and line. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipcscope/lesson.h"
#include "suites.h"

static struct lesson	l;
static char		err[1024];

static int
parse(const char *text)
{
	return (lesson_parse(text, strlen(text), "t.lesson", &l, err,
	    sizeof(err)));
}

/* text fails with exactly want. */
static void
bad(const char *text, const char *want)
{
	ck_assert_int_eq(parse(text), -1);
	ck_assert_str_eq(err, want);
	/* Nothing half-filled is left for the caller. */
	ck_assert_int_eq(l.nsteps, 0);
	ck_assert_int_eq(l.nprogs, 0);
}

#define HEAD	"summary s\nprogram a prog one two\nprogram b prog\n"

START_TEST(a_whole_file)
{
	const char	*text =
	    "# a comment\n"
	    "summary Pipes: the whole story\n"
	    "\n"
	    "program parent pipe_lesson\n"
	    "program  w   shm_lifecycle\twriter x-1\n"
	    "step parent pipe2\n"
	    "\tFirst line\n"
	    "   second   line\n"
	    "\n"
	    "\t\n"
	    "step parent/2 read\n"
	    "\tA child.\n"
	    "# between\n"
	    "step w ftok\n"
	    "\tKey.\n"
	    "end\n"
	    "\tThe last words.\n";

	ck_assert_msg(parse(text) == 0, "%s", err);
	ck_assert_str_eq(l.summary, "Pipes: the whole story");
	ck_assert_int_eq(l.nprogs, 2);
	ck_assert_str_eq(l.progs[0].label, "parent");
	ck_assert_int_eq(l.progs[0].argc, 1);
	ck_assert_str_eq(l.progs[0].argv[0], "pipe_lesson");
	ck_assert_str_eq(l.progs[1].label, "w");
	ck_assert_int_eq(l.progs[1].argc, 3);
	ck_assert_str_eq(l.progs[1].argv[0], "shm_lifecycle");
	ck_assert_str_eq(l.progs[1].argv[1], "writer");
	ck_assert_str_eq(l.progs[1].argv[2], "x-1");
	ck_assert_int_eq(l.progs[1].line, 5);
	ck_assert_int_eq(l.nsteps, 3);
	ck_assert_int_eq(l.steps[0].prog, 0);
	ck_assert_int_eq(l.steps[0].child, 0);
	ck_assert_str_eq(l.steps[0].call, "pipe2");
	ck_assert_str_eq(l.steps[0].caption, "First line second   line");
	ck_assert_int_eq(l.steps[0].line, 6);
	ck_assert_int_eq(l.steps[1].prog, 0);
	ck_assert_int_eq(l.steps[1].child, 2);
	ck_assert_str_eq(l.steps[1].call, "read");
	ck_assert_str_eq(l.steps[1].caption, "A child.");
	ck_assert_int_eq(l.steps[2].prog, 1);
	ck_assert_str_eq(l.steps[2].call, "ftok");
	ck_assert_str_eq(l.end, "The last words.");
	/* No end, no newline at the end: fine too. */
	ck_assert_msg(parse(HEAD "step a shmget\n\tc\nstep b shmat\n\td") == 0,
	    "%s", err);
	ck_assert_str_eq(l.end, "");
	ck_assert_str_eq(l.steps[1].caption, "d");
}
END_TEST

START_TEST(errors_name_file_and_line)
{
	bad("", "t.lesson:1: no summary line");
	bad("summary s\n", "t.lesson:1: no program line");
	bad("summary s\nprogram a p\n", "t.lesson:2: no step line");
	bad("summary s\nsummary t\n", "t.lesson:2: a second summary line");
	bad("summary\n", "t.lesson:1: summary needs its text");
	bad("title x\n", "t.lesson:1: unknown word \"title\"; expected "
	    "summary, program, step or end");
	bad("summary s\nprogram a\n", "t.lesson:2: expected \"program LABEL "
	    "FILE [ARG...]\"");
	bad("summary s\nprogram a ../bin/sh\n", "t.lesson:2: program "
	    "\"../bin/sh\": a file name in the lessons' program directory, "
	    "without '/'");
	bad("summary s\nprogram a/1 p\n", "t.lesson:2: label \"a/1\": "
	    "letters, digits, '_', '-' and '.' only");
	bad(HEAD "program a p\n", "t.lesson:4: a second program labelled "
	    "\"a\"");
	bad(HEAD "step a shmget\n\tc\nprogram c p\n", "t.lesson:6: a program "
	    "after the first step: programs come first");
	bad("summary s\nstep a shmget\n", "t.lesson:2: no program labelled "
	    "\"a\": programs come first");
	bad(HEAD "step c shmget\n", "t.lesson:4: no program labelled \"c\"");
	bad(HEAD "step a shmgte\n\tc\n", "t.lesson:4: \"shmgte\" is not a call "
	    "the tracer stops at");
	bad(HEAD "step a\n", "t.lesson:4: expected \"step WHO CALL\"");
	bad(HEAD "step a shmget x\n", "t.lesson:4: expected \"step WHO CALL\"");
	bad(HEAD "step a/0 read\n\tc\n", "t.lesson:4: \"a/0\": the fork's "
	    "number is too small; allowed: 1..8");
	bad(HEAD "step a/x read\n\tc\n", "t.lesson:4: \"a/x\": the fork's "
	    "number is invalid; allowed: 1..8");
	bad(HEAD "step a shmget\nstep b shmat\n\tc\n", "t.lesson:4: no "
	    "caption: indented lines must follow");
	bad(HEAD "step a shmget\n\tc\nstep b shmat\n\n\n", "t.lesson:6: no "
	    "caption: indented lines must follow");
	bad(HEAD "\tloose\n", "t.lesson:4: an indented line belongs under a "
	    "step or end");
	bad(HEAD "step a shmget\n\tc\nend now\n", "t.lesson:6: end takes no "
	    "word: its text goes on the indented lines after it");
	bad(HEAD "step a shmget\n\tc\nstep b shmat\n\tc\nend\n\tx\nstep a "
	    "shmdt\n", "t.lesson:10: nothing may follow the end");
	bad(HEAD "step a shmget\n\tc\nend\n", "t.lesson:6: no caption: "
	    "indented lines must follow");
	bad(HEAD "step a shmget\n\tc\n", "t.lesson:3: program \"b\" is never "
	    "stepped");
	bad(HEAD "step a shmget\n\tc\r\n", "t.lesson:5: a control character "
	    "(byte 3)");
	bad("summary \033[2J\n", "t.lesson:1: a control character (byte 9)");
}
END_TEST

START_TEST(limits)
{
	char	*text = malloc(LESSON_FILE_MAX * 2), word[LESSON_WORD_MAX + 8];
	size_t	 n;
	int	 i;

	ck_assert_ptr_nonnull(text);
	/* A line one byte too long (a caption's, the tab counted). */
	n = strlcpy(text, "summary s\nprogram a p\nstep a read\n\t",
	    LESSON_FILE_MAX);
	memset(text + n, 'x', LESSON_LINE_MAX);
	text[n - 1 + LESSON_LINE_MAX + 1] = '\0';
	bad(text, "t.lesson:4: the line is longer than 512 bytes");
	text[n - 1 + LESSON_LINE_MAX] = '\0';
	ck_assert_msg(parse(text) == 0, "%s", err);
	ck_assert_uint_eq(strlen(l.steps[0].caption), LESSON_LINE_MAX - 1);
	/* Steps: 64 fit, 65 do not. */
	strlcpy(text, "summary s\nprogram a p\n", LESSON_FILE_MAX);
	for (i = 0; i < LESSON_STEPS_MAX; i++)
		strlcat(text, "step a read\n\tc\n", LESSON_FILE_MAX);
	ck_assert_msg(parse(text) == 0, "%s", err);
	ck_assert_int_eq(l.nsteps, LESSON_STEPS_MAX);
	strlcat(text, "step a read\n\tc\n", LESSON_FILE_MAX);
	bad(text, "t.lesson:131: more than 64 steps");
	/* Programs: 4 fit. */
	bad("summary s\nprogram a p\nprogram b p\nprogram c p\nprogram d p\n"
	    "program e p\n", "t.lesson:6: more than 4 programs");
	bad("summary s\nprogram a p 1 2 3 4 5 6 7 8\n", "t.lesson:2: more "
	    "than 7 arguments to the program");
	/* A caption of more than 1023 bytes, over several lines. */
	strlcpy(text, HEAD "step a read\n", LESSON_FILE_MAX);
	for (i = 0; i < 20; i++)
		strlcat(text, "\txxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
		    "xxxxxxxxx\n", LESSON_FILE_MAX);
	bad(text, "t.lesson:22: the caption is longer than 1023 bytes");
	memset(word, 'w', LESSON_WORD_MAX);
	word[LESSON_WORD_MAX] = '\0';
	snprintf(text, LESSON_FILE_MAX, "summary s\nprogram a %s\n", word);
	bad(text, "t.lesson:2: program \"wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwww"
	    "wwwwwwwwwwwwwwwwwwwwwwwwwwwww\" is longer than 63 bytes");
	free(text);
}
END_TEST

/* The lessons that ship: each loads, and is what its programs do. */
START_TEST(shipped_lessons_load)
{
	static const char	*names[] = { "shm-lifecycle", "msg-queue",
	    "pipe" };
	char			 path[PATH_MAX], list[256];
	size_t			 i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		ck_assert_msg(lesson_path(names[i], path, sizeof(path), err,
		    sizeof(err)) == 0, "%s", err);
		ck_assert_msg(lesson_load(path, &l, err, sizeof(err)) == 0,
		    "%s", err);
		ck_assert_str_ne(l.end, "");
	}
	lesson_names(list, sizeof(list));
	ck_assert_str_eq(list, "msg-queue, pipe, shm-lifecycle");
	ck_assert_int_eq(lesson_path("nope", path, sizeof(path), err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, "no lesson \"nope\"; lessons: msg-queue, pipe, "
	    "shm-lifecycle");
	ck_assert_int_eq(lesson_path(".hidden", path, sizeof(path), err,
	    sizeof(err)), -1);
	/* A path is taken as it is: lesson_load says if it is not there. */
	ck_assert_int_eq(lesson_path("./my.lesson", path, sizeof(path), err,
	    sizeof(err)), 0);
	ck_assert_str_eq(path, "./my.lesson");
	ck_assert_int_eq(lesson_load("/nonexistent.lesson", &l, err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, "/nonexistent.lesson: No such file or directory");
}
END_TEST

Suite *
suite_lesson(void)
{
	Suite	*s = suite_create("lesson");
	TCase	*tc = tcase_create("parse");

	tcase_add_test(tc, a_whole_file);
	tcase_add_test(tc, errors_name_file_and_line);
	tcase_add_test(tc, limits);
	tcase_add_test(tc, shipped_lessons_load);
	suite_add_tcase(s, tc);
	return (s);
}
