/*
 * libFuzzer target for the scenario parser (make fuzz). Beyond the
 * sanitizers, it aborts when a promise of scenario.h is broken: an error
 * that is not one printable line "fuzz.scn:LINE:COL: expected ...", a
 * line or column outside the text, or a parsed script out of its bounds.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ipcscope/role.h"
#include "ipcscope/scenario.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static enum scn_kind
lookup(const char *name)
{
	if (strcmp(name, "slots") == 0 || strcmp(name, "transport") == 0)
		return (SCN_VALUED);
	if (strcmp(name, "mailbox") == 0)
		return (SCN_FLAG);
	if (strcmp(name, "headless") == 0)
		return (SCN_CMDLINE_ONLY);
	return (SCN_NOT_OPTION);
}

/* "fuzz.scn:L:C: expected ...", printable, L and C within the text. */
static void
check_err(const char *err, const uint8_t *data, size_t size)
{
	const char	*p;
	char		*end;
	unsigned long	 line, col, lines = 1;
	size_t		 i;

	for (p = err; *p != '\0'; p++)
		if (*p < 0x20 || *p > 0x7e)
			abort();
	if (strncmp(err, "fuzz.scn:", 9) != 0)
		abort();
	line = strtoul(err + 9, &end, 10);
	if (*end != ':')
		abort();
	col = strtoul(end + 1, &end, 10);
	if (strncmp(end, ": expected ", 11) != 0)
		abort();
	for (i = 0; i < size; i++)
		lines += data[i] == '\n';
	if (line < 1 || line > lines + 1 || col < 1 || col > SCN_LINE_MAX + 2)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct scenario		 scn;
	const struct scn_command	*c;
	char				 err[1024];
	int				 i, marks = 0;

	if (scenario_parse((const char *)data, size, "fuzz.scn", lookup, &scn,
	    err, sizeof(err)) == -1) {
		check_err(err, data, size);
		return (0);
	}
	if (scn.ncommands > SCN_COMMANDS_MAX ||
	    scn.nsettings > SCN_SETTINGS_MAX ||
	    strlen(scn.title) >= sizeof(scn.title))
		abort();
	for (i = 0; i < scn.ncommands; i++) {
		c = &scn.commands[i];
		marks += c->op == SCN_PAUSE;
		if ((c->op == SCN_STEP || c->op == SCN_KILL) && (c->id < 1 ||
		    c->id > 8 || (c->role != ROLE_PRODUCER &&
		    c->role != ROLE_CONSUMER)))
			abort();
		if (c->op == SCN_STEP && (c->count < 1 ||
		    c->count > SCN_REPEAT_MAX))
			abort();
		if (c->line < 1 || c->col < 1)
			abort();
	}
	if (marks != scn.nmarks)
		abort();
	if (scenario_check_workers(&scn, "fuzz.scn", 2, 2, err,
	    sizeof(err)) == -1)
		check_err(err, data, size);
	return (0);
}
