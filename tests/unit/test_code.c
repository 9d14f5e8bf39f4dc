/*
 * The code panel's listing (code.c) from every transport's own tables,
 * the SVG writer's escaping (svg.c) and the export's new-names-only files
 * (export.c).
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipcscope/code.h"
#include "ipcscope/export.h"
#include "ipcscope/snapshot.h"
#include "ipcscope/svg.h"
#include "ipcscope/transport.h"
#include "suites.h"

static struct snap_code	code;

/* A config as the command line leaves it by default, for the loops. */
static void
cfg_plain(struct config *c)
{
	memset(c, 0, sizeof(*c));
	c->slots = 2;
	c->producers = c->consumers = 1;
	c->item_size = 64;
}

/* A channel of t, as the viewer has it before create(): zeroed. */
static struct channel *
chan_of(const struct transport *t, const struct config *cfg)
{
	struct channel	*ch = calloc(1, t->chan_size);

	ck_assert_ptr_nonnull(ch);
	ch->t = t;
	ch->cfg = cfg;
	return (ch);
}

/* The phase by its JSON name and its call, -1 if none. */
static int
phase_named(const struct transport *t, const char *name, const char *call)
{
	int	i;

	for (i = 0; i < t->nphases; i++)
		if (strcmp(t->phases[i].name, name) == 0 &&
		    (call == NULL || strcmp(t->phases[i].call, call) == 0))
			return (i);
	return (-1);
}

/* The textbook's lines, numbered as the JSON numbers them. */
START_TEST(sysv_shm_reads_like_the_textbook)
{
	static const char *const producer[] = {
		"p = shmat(shmid, NULL, 0);", "while (1) {",
		"  item = produce();", "  semop(empty, -1);",
		"  semop(mutex, -1);", "  buffer[in] = item;",
		"  in = (in + 1) % N;", "  semop(mutex, +1);",
		"  semop(full, +1);", "}" };
	const struct transport	*t = transport_find("sysv-shm");
	struct config		 cfg;
	struct channel		*ch;
	char			 text[CODE_TEXT_MAX];
	size_t			 i;

	cfg_plain(&cfg);
	ch = chan_of(t, &cfg);
	code_listing(ch, &code);
	ck_assert_int_eq(code.nlines[ROLE_PRODUCER], 10);
	for (i = 0; i < sizeof(producer) / sizeof(producer[0]); i++)
		ck_assert_str_eq(code.lines[ROLE_PRODUCER][i], producer[i]);
	ck_assert_str_eq(code.lines[ROLE_CONSUMER][4], "  item = buffer[out];");
	/* A step of two lines stands at its first; a phase with no code of
	 * its own shows its call. */
	ck_assert_int_eq(code_line_of(ch, ROLE_PRODUCER, phase_named(t,
	    "write-slot", NULL), text, sizeof(text)), 6);
	ck_assert_str_eq(text, "buffer[in] = item;");
	ck_assert_int_eq(code_line_of(ch, ROLE_PRODUCER, phase_named(t,
	    "wait-empty", NULL), text, sizeof(text)), 4);
	ck_assert_str_eq(text, "semop(empty, -1);");
	/* The lock is in both loops, at its own line in each. */
	ck_assert_int_eq(code_line_of(ch, ROLE_CONSUMER, phase_named(t, "lock",
	    NULL), text, sizeof(text)), 4);
	ck_assert_int_eq(code_line_of(ch, ROLE_PRODUCER, phase_named(t, "lock",
	    NULL), text, sizeof(text)), 5);
	/* A phase of the other role's loop only: no line. */
	ck_assert_int_eq(code_line_of(ch, ROLE_CONSUMER, phase_named(t,
	    "wait-empty", NULL), text, sizeof(text)), 0);
	ck_assert_str_eq(text, "");
	ck_assert_int_eq(code_line_of(ch, ROLE_CONSUMER, -1, text,
	    sizeof(text)), 0);
	free(ch);
}
END_TEST

/*
 * Every transport: both loops listed, within the listing's bounds, each
 * phase line found again at its number by code_line_of, with the phase's
 * code or, without one, its call and a ';'.
 */
START_TEST(every_transport_lists_both_loops)
{
	const struct transport	*t = transports[_i];
	const struct phase_info	*ph;
	struct config		 cfg;
	struct channel		*ch;
	char			 text[CODE_TEXT_MAX], want[CODE_TEXT_MAX];
	int			 role, p, n, found = 0;

	cfg_plain(&cfg);
	cfg.transport = t;
	ch = chan_of(t, &cfg);
	code_listing(ch, &code);
	for (role = ROLE_PRODUCER; role <= ROLE_CONSUMER; role++) {
		ck_assert_msg(code.nlines[role] >= 3 && code.nlines[role] <=
		    CODE_LINES_MAX, "%s: %d lines", t->name, code.nlines[role]);
		ck_assert_msg(strcmp(code.lines[role][code.nlines[role] - 1],
		    "}") == 0, "%s: the loop does not close", t->name);
		for (p = 0; p < t->nphases; p++) {
			if ((n = code_line_of(ch, role, p, text,
			    sizeof(text))) == 0)
				continue;
			found++;
			ph = &t->phases[p];
			if (ph->code != NULL)
				snprintf(want, sizeof(want), "%.*s",
				    (int)strcspn(ph->code, "\n"), ph->code);
			else
				snprintf(want, sizeof(want), "%s;", ph->call);
			ck_assert_str_eq(text, want);
			ck_assert_msg(strstr(code.lines[role][n - 1], want) !=
			    NULL, "%s line %d: %s", t->name, n,
			    code.lines[role][n - 1]);
		}
	}
	ck_assert_msg(found >= 2, "%s: %d phases listed", t->name, found);
	free(ch);
}
END_TEST

/* --mailbox: the loops that address a consumer by mtype. */
START_TEST(mailbox_loops)
{
	const struct transport	*t = transport_find("sysv-msg");
	struct config		 cfg;
	struct channel		*ch;
	char			 text[CODE_TEXT_MAX];

	cfg_plain(&cfg);
	cfg.mailbox = true;
	ch = chan_of(t, &cfg);
	code_listing(ch, &code);
	ck_assert_str_eq(code.lines[ROLE_CONSUMER][2],
	    "  msgrcv(q, &m, size, mine, 0);");
	ck_assert_int_eq(code_line_of(ch, ROLE_CONSUMER, phase_named(t,
	    "msgrcv", "msgrcv(q, &m, size, 0, 0)"), text, sizeof(text)), 0);
	ck_assert_int_eq(code_line_of(ch, ROLE_CONSUMER, phase_named(t,
	    "msgrcv", "msgrcv(q, &m, size, mine, 0)"), text, sizeof(text)), 3);
	free(ch);
}
END_TEST

static char *
escaped(const char *s)
{
	char	*p = NULL;
	size_t	 n = 0;
	FILE	*f = open_memstream(&p, &n);

	ck_assert_ptr_nonnull(f);
	svg_escape(f, s);
	ck_assert_int_eq(fclose(f), 0);
	return (p);
}

/* XML's five, the controls XML 1.0 refuses, and every kind of bad
 * UTF-8: the text stays well-formed. */
START_TEST(svg_escapes_for_xml)
{
	static const struct {
		const char	*in, *out;
	} cases[] = {
		{ "semop(&m) <a> \"b\" 'c'",
		    "semop(&amp;m) &lt;a&gt; &quot;b&quot; &apos;c&apos;" },
		{ "a\x01" "b\x1b[31m\tc\n", "a?b?[31m c " },
		{ "\xc3\xa9\xe2\x86\x92\xf0\x9f\x98\x80", "\xc3\xa9\xe2\x86\x92"
		    "\xf0\x9f\x98\x80" },
		{ "a\xff" "b\xc3", "a?b?" },
		{ "\xc0\xaf", "??" },			/* overlong '/' */
		{ "\xe0\x80\xaf", "???" },		/* overlong, 3 bytes */
		{ "\xed\xa0\x80", "???" },		/* a surrogate */
		{ "\xef\xbf\xbe", "???" },		/* U+FFFE */
		{ "\xf4\x90\x80\x80", "????" },		/* past U+10FFFF */
		{ "\xe2\x86", "??" },			/* cut short */
	};
	size_t	i;
	char	*out;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		out = escaped(cases[i].in);
		ck_assert_msg(strcmp(out, cases[i].out) == 0, "case %zu: %s",
		    i, out);
		free(out);
	}
}
END_TEST

/* Every field's string through the writer: no raw '<' or '&' but the
 * markup's own, and the picture says what the frame holds. */
START_TEST(svg_of_every_field)
{
	struct snapshot	*s = calloc(1, sizeof(*s));
	char		*p = NULL;
	size_t		 n = 0;
	FILE		*f;

	ck_assert_ptr_nonnull(s);
	unit_fill_every_field(s);
	strlcpy(s->event, "<script>&</script>", sizeof(s->event));
	s->workers[0].blocked = true;
	strlcpy(s->workers[0].label, "C801", sizeof(s->workers[0].label));
	f = open_memstream(&p, &n);
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(svg_write(f, s), 0);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_ptr_null(strstr(p, "<script>"));
	ck_assert_ptr_nonnull(strstr(p, "&lt;script&gt;&amp;&lt;/script&gt;"));
	ck_assert_ptr_nonnull(strstr(p, "data-slot=\"1\">20</text>"));
	ck_assert_ptr_nonnull(strstr(p, "data-name=\"full\" data-value=\"204\""));
	ck_assert_ptr_nonnull(strstr(p, "data-worker=\"C801\" data-role="
	    "\"consumer\" data-line=\"2\" data-blocked=\"true\""));
	ck_assert_ptr_nonnull(strstr(p, "n = read(fd, buf, N);   BLOCKED"));
	ck_assert_ptr_nonnull(strstr(p, "write(fd, &quot;\\x&quot;, N);"));
	ck_assert(strncmp(p, "<?xml", 5) == 0);
	ck_assert_ptr_nonnull(strstr(p, "</svg>\n"));
	free(p);
	free(s);
}
END_TEST

/* New names only: the second save is stem-2, a single try is EEXIST,
 * and a failure leaves nothing. */
START_TEST(export_never_replaces)
{
	static const char *const ext[] = { "txt", "svg" };
	const char	*dir = unit_tmpdir();
	char		 paths[2][4096], p[4200];
	FILE		*f[2];
	struct stat	 st;

	ck_assert_int_eq(export_create(dir, "a", ext, 2, 10, f, paths), 0);
	ck_assert_int_eq(export_close(f[0], paths[0]), 0);
	ck_assert_int_eq(export_close(f[1], paths[1]), 0);
	ck_assert_int_eq(export_create(dir, "a", ext, 2, 10, f, paths), 0);
	snprintf(p, sizeof(p), "%s/a-2.svg", dir);
	ck_assert_str_eq(paths[1], p);
	ck_assert_int_eq(export_close(f[0], paths[0]), 0);
	ck_assert_int_eq(export_close(f[1], paths[1]), 0);
	/* Only the .svg of b is there: b.txt made, then taken back. */
	snprintf(p, sizeof(p), "%s/b.svg", dir);
	ck_assert_int_eq(close(open(p, O_CREAT | O_WRONLY, 0644)), 0);
	errno = 0;
	ck_assert_int_eq(export_create(dir, "b", ext, 2, 1, f, paths), -1);
	ck_assert_int_eq(errno, EEXIST);
	snprintf(p, sizeof(p), "%s/b.txt", dir);
	ck_assert_int_eq(stat(p, &st), -1);
}
END_TEST

Suite *
suite_code(void)
{
	Suite	*s = suite_create("code");
	TCase	*tc = tcase_create("code");
	int	 n;

	for (n = 0; transports[n] != NULL; n++)
		;
	tcase_add_test(tc, sysv_shm_reads_like_the_textbook);
	tcase_add_loop_test(tc, every_transport_lists_both_loops, 0, n);
	tcase_add_test(tc, mailbox_loops);
	tcase_add_test(tc, svg_escapes_for_xml);
	tcase_add_test(tc, svg_of_every_field);
	tcase_add_test(tc, export_never_replaces);
	suite_add_tcase(s, tc);
	return (s);
}
