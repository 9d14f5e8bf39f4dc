/*
 * Playing a scenario's script (scenario.h) on the session: one command a
 * tick, so that the screen draws each step and --headless prints a line
 * for each; a pause mark stops the play and hands the keys over. The TUI
 * and --headless share it through control.h.
 */
#include <stdio.h>
#include <string.h>

#include "ipcscope/control.h"
#include "ipcscope/scenario.h"

/* "fill-the-buffer" of ".../fill-the-buffer.scn". */
static void
scenario_name(const char *path, char *buf, size_t len)
{
	const char	*base = strrchr(path, '/');
	size_t		 n;

	base = base != NULL ? base + 1 : path;
	strlcpy(buf, base, len);
	n = strlen(buf);
	if (n > strlen(SCN_EXT) && strcmp(buf + n - strlen(SCN_EXT),
	    SCN_EXT) == 0)
		buf[n - strlen(SCN_EXT)] = '\0';
}

void
script_start(struct control *ctl)
{
	const struct config	*cfg = &ctl->cfg;

	if (cfg->keys != NULL && !cfg->headless)
		ctl->keys_left = cfg->keys;
	if ((ctl->scn = cfg->script) == NULL)
		return;
	scenario_name(cfg->scenario, ctl->scn_name, sizeof(ctl->scn_name));
	ctl->playing = ctl->scn->ncommands > 0;
	report_say(&ctl->rep, "Scenario %s: %s", ctl->scn_name,
	    ctl->scn->title);
}

bool
control_playing(const struct control *ctl)
{
	return (ctl->playing);
}

bool
control_script_left(const struct control *ctl)
{
	return (ctl->scn != NULL && ctl->pc < ctl->scn->ncommands);
}

int
control_play(struct control *ctl)
{
	if (ctl->scn == NULL) {
		report_say(&ctl->rep, "no scenario: n plays one (--scenario) "
		    "on to its next pause");
		return (-1);
	}
	if (!control_script_left(ctl)) {
		report_say(&ctl->rep, "the scenario %s is over: the keys are "
		    "yours", ctl->scn_name);
		return (-1);
	}
	ctl->playing = true;
	report_say(&ctl->rep, "playing %s on to its next pause",
	    ctl->scn_name);
	return (0);
}

void
control_press(struct control *ctl, const char *keys)
{
	ctl->keys_left = keys;
}

/* step P2 (or a --graph process: F2): one permit of the step's count,
 * the next tick the next. */
static int
script_step(struct control *ctl, const struct scn_command *c)
{
	int	idx;

	if (ctl->reps == 0)
		ctl->reps = c->count;
	if (--ctl->reps == 0)
		ctl->pc++;
	if ((idx = session_find_label(ctl->s, c->who)) == -1) {
		report_say(&ctl->rep, "line %d: %s is dead: nothing to step",
		    c->line, c->who);
		return (REACT_SAMPLE);
	}
	if (session_step_worker(ctl->s, idx, &ctl->rep) == 0)
		ctl->steps++;
	return (REACT_SAMPLE);
}

static int
script_kill(struct control *ctl, const struct scn_command *c)
{
	int	idx;

	ctl->pc++;
	if ((idx = session_find_label(ctl->s, c->who)) == -1) {
		report_say(&ctl->rep, "line %d: %s is already dead",
		    c->line, c->who);
		return (REACT_SAMPLE);
	}
	session_select_index(ctl->s, idx);
	session_kill_selected(ctl->s, &ctl->rep);
	return (REACT_SAMPLE);
}

int
script_tick(struct control *ctl)
{
	const struct scn_command	*c;

	report_clear(&ctl->rep);
	if (!control_script_left(ctl)) {
		ctl->playing = false;
		return (REACT_NONE);
	}
	c = &ctl->scn->commands[ctl->pc];
	switch (c->op) {
	case SCN_STEP:
		strlcpy(ctl->key, "script", sizeof(ctl->key));
		return (script_step(ctl, c));
	case SCN_KILL:
		strlcpy(ctl->key, "script", sizeof(ctl->key));
		return (script_kill(ctl, c));
	case SCN_CAPTION:
		ctl->pc++;
		strlcpy(ctl->key, "caption", sizeof(ctl->key));
		strlcpy(ctl->caption, c->text, sizeof(ctl->caption));
		report_say(&ctl->rep, "%s", c->text);
		return (REACT_SAMPLE);
	case SCN_PAUSE:
		ctl->pc++;
		ctl->mark++;
		ctl->playing = false;
		strlcpy(ctl->key, "pause", sizeof(ctl->key));
		if (control_script_left(ctl))
			report_say(&ctl->rep, "pause %d of %d: the keys are "
			    "yours; n plays on", ctl->mark, ctl->scn->nmarks);
		else
			report_say(&ctl->rep, "pause %d of %d, the last: the "
			    "keys are yours", ctl->mark, ctl->scn->nmarks);
		return (REACT_SAMPLE);
	}
	return (REACT_NONE);
}

void
script_snapshot(const struct control *ctl, struct snapshot *snap)
{
	memset(&snap->scenario, 0, sizeof(snap->scenario));
	if (ctl->scn == NULL)
		return;
	strlcpy(snap->scenario.name, ctl->scn_name,
	    sizeof(snap->scenario.name));
	strlcpy(snap->scenario.title, ctl->scn->title,
	    sizeof(snap->scenario.title));
	strlcpy(snap->scenario.caption, ctl->caption,
	    sizeof(snap->scenario.caption));
	snap->scenario.mark = ctl->mark;
	snap->scenario.marks = ctl->scn->nmarks;
	snap->scenario.over = !control_script_left(ctl);
	snap->scenario.line = control_script_left(ctl) ?
	    ctl->scn->commands[ctl->pc].line : 0;
}
