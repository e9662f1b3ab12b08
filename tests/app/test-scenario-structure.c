/* test-scenario-structure.c: the scenario panel adds, removes and renames
 * worker groups and resources, and holds a lock around a program
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <string.h>

#include "ilv-app-test.h"
#include "ilv-scenario-panel.h"
#include "ilv-summary.h"
#include "ilv-window-files.h"
#include "ilv-window.h"

static gboolean
is_label_text (GtkWidget     *widget,
               gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

static gboolean
run_enabled (IlvWindow *window)
{
  return gtk_widget_get_sensitive (ilv_app_test_get_button (window, "win.run-scenario"));
}

static IlvScenarioPanel *
load (IlvWindow  *window,
      const char *name)
{
  IlvScenarioPanel *panel = ilv_window_files_get_panel (window);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.load-scenario", "s", name));
  g_assert_true (ilv_scenario_panel_get_valid (panel));
  return panel;
}

/* Presses Run and waits for the run to end; its summary. */
static IlvSummary *
run (IlvWindow *window)
{
  IlvTrace *before = ilv_window_get_current_trace (window);

  g_assert_true (run_enabled (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.run-scenario", NULL));
  while (ilv_window_get_current_trace (window) == before || !ilv_app_test_is_finished (window))
    g_main_context_iteration (NULL, TRUE);
  return ilv_summary_new (ilv_window_get_current_trace (window));
}

static void
set_program (IlvScenarioPanel *panel,
             const char       *section,
             const char       *text)
{
  GtkWidget *view = ilv_scenario_panel_get_field (panel, section, "Program");

  g_assert_nonnull (view);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
}

static char *
get_program (IlvScenarioPanel *panel,
             const char       *section)
{
  GtkWidget *view = ilv_scenario_panel_get_field (panel, section, "Program");
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_assert_nonnull (view);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* What the hold choice of `section` shows. */
static const char *
held_lock (IlvScenarioPanel *panel,
           const char       *section)
{
  GtkWidget *choice = ilv_scenario_panel_get_field (panel, section, "Hold");
  GListModel *model;

  g_assert_true (GTK_IS_DROP_DOWN (choice));
  model = gtk_drop_down_get_model (GTK_DROP_DOWN (choice));
  return gtk_string_list_get_string (GTK_STRING_LIST (model),
                                     gtk_drop_down_get_selected (GTK_DROP_DOWN (choice)));
}

static void
choose_lock (IlvScenarioPanel *panel,
             const char       *section,
             const char       *label)
{
  GtkWidget *choice = ilv_scenario_panel_get_field (panel, section, "Hold");
  GListModel *model;

  g_assert_true (GTK_IS_DROP_DOWN (choice));
  g_assert_true (gtk_widget_get_sensitive (choice));
  model = gtk_drop_down_get_model (GTK_DROP_DOWN (choice));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (model), i), label))
      {
        gtk_drop_down_set_selected (GTK_DROP_DOWN (choice), i);
        return;
      }
  g_assert_not_reached ();
}

static void
rename_to (IlvScenarioPanel *panel,
           const char       *section,
           const char       *name)
{
  GtkWidget *entry = ilv_scenario_panel_get_field (panel, section, "Name");

  g_assert_true (GTK_IS_ENTRY (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  g_signal_emit_by_name (entry, "activate");
}

static const IlvWorkerSummary *
find_worker (const IlvSummary *summary,
             const char       *prefix)
{
  for (guint i = 0; i < summary->workers->len; i++)
    {
      const IlvWorkerSummary *w = &g_array_index (summary->workers, IlvWorkerSummary, i);

      if (g_str_has_prefix (w->name, prefix))
        return w;
    }
  return NULL;
}

static const IlvValueSummary *
find_value (const IlvSummary *summary,
            const char       *name)
{
  for (guint i = 0; i < summary->values->len; i++)
    {
      const IlvValueSummary *v = &g_array_index (summary->values, IlvValueSummary, i);

      if (g_str_equal (v->name, name))
        return v;
    }
  return NULL;
}

static void
assert_focus_in (IlvScenarioPanel *panel,
                 GtkWidget        *widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (panel)));

  g_assert_nonnull (widget);
  g_assert_nonnull (focus);
  g_assert_true (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* Whether all of the card around `widget` is inside the panel's view. */
static gboolean
card_in_view (IlvScenarioPanel *panel,
              GtkWidget        *widget)
{
  GtkWidget *scroller = ilv_app_test_find_type (GTK_WIDGET (panel), GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *card = gtk_widget_get_ancestor (widget, GTK_TYPE_FRAME);
  graphene_rect_t bounds;

  g_assert_nonnull (scroller);
  g_assert_nonnull (card);
  if (!gtk_widget_compute_bounds (card, scroller, &bounds))
    return FALSE;
  return bounds.origin.y >= 0 &&
         bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scroller);
}

/* The new card comes into view within a few frames; a generous bound. */
static void
assert_card_comes_into_view (IlvScenarioPanel *panel,
                             GtkWidget        *widget)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (!card_in_view (panel, widget) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  /* One more round of frames: it stays there once the heights settle. */
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (card_in_view (panel, widget));
}

/* Groups, a pool and a queue added from the panel run: the new workers
 * have their lanes, and the queue took its put. */
static void
add_and_run_body (IlvWindow *window)
{
  IlvScenarioPanel *panel = load (window, "race-condition");
  g_autoptr(IlvSummary) summary = NULL;
  IlvScenario *edited;
  const IlvQueueSummary *queue = NULL;

  g_assert_null (ilv_scenario_panel_get_field (panel, "Workers workers", "Program"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "panel.add-workers", NULL));
  g_assert_nonnull (ilv_scenario_panel_get_field (panel, "Workers workers", "Kind"));
  /* The new card's Name has the focus, ready to rename. */
  assert_focus_in (panel, ilv_scenario_panel_get_field (panel, "Workers workers", "Name"));
  g_assert_nonnull (ilv_scenario_panel_get_field (panel, "Workers workers", "Count"));
  /* A second one gets a name of its own. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "panel.add-workers", NULL));
  g_assert_nonnull (ilv_scenario_panel_get_field (panel, "Workers workers2", "Program"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "panel.add-pool", NULL));
  g_assert_nonnull (ilv_scenario_panel_get_field (panel, "Pool pool", "Tasks"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "panel.add-resource", "s", "Queue"));
  g_assert_nonnull (ilv_scenario_panel_get_field (panel, "Queue queue", "Capacity"));
  /* At the bottom of the panel, it is scrolled into view. */
  assert_card_comes_into_view (panel, ilv_scenario_panel_get_field (panel, "Queue queue", "Name"));
  set_program (panel, "Workers workers", "compute 5ms; put queue");
  set_program (panel, "Workers workers2", "get queue; task_done queue");
  g_assert_true (ilv_scenario_panel_get_valid (panel));
  edited = ilv_scenario_panel_get_scenario (panel);
  g_assert_cmpuint (edited->groups->len, ==, 3);
  g_assert_cmpint (ilv_scenario_find_resource (edited, "queue"), >=, 0);

  summary = run (window);
  g_assert_nonnull (find_worker (summary, "increase"));
  g_assert_nonnull (find_worker (summary, "workers2"));
  g_assert_nonnull (find_worker (summary, "pool"));
  /* increase ×2, workers, workers2 and the pool's two workers. */
  g_assert_cmpuint (summary->workers->len, ==, 6);
  for (guint i = 0; i < summary->queues->len; i++)
    if (g_str_equal (g_array_index (summary->queues, IlvQueueSummary, i).name, "queue"))
      queue = &g_array_index (summary->queues, IlvQueueSummary, i);
  g_assert_nonnull (queue);
  g_assert_cmpuint (queue->puts, ==, 1);
  g_assert_cmpuint (queue->gets, ==, 1);
}

/* A resource a program uses stays, and the card says where it is used;
 * the last group stays with the parser's words; others go. */
static void
remove_body (IlvWindow *window)
{
  IlvScenarioPanel *panel = load (window, "race-condition");
  IlvScenario *edited;
  const char *message;
  GtkWidget *add;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "panel.remove", "s", "Value db_val"));
  message = ilv_scenario_panel_get_error (panel, "Value db_val", NULL);
  g_assert_cmpstr (message, ==, "db_val is used by the program of “increase”; remove it there first");
  g_assert_null (ilv_scenario_panel_get_error (panel, "Value db_val", "Name"));
  g_assert_nonnull (ilv_scenario_panel_get_field (panel, "Value db_val", "Initial"));
  g_assert_cmpint (ilv_scenario_find_resource (ilv_scenario_panel_get_scenario (panel), "db_val"), >=, 0);
  g_assert_true (run_enabled (window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "panel.remove", "s", "Workers increase"));
  message = ilv_scenario_panel_get_error (panel, "Workers increase", NULL);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "no workers"));
  g_assert_nonnull (ilv_scenario_panel_get_field (panel, "Workers increase", "Program"));

  /* An unused lock goes; with another group, so does increase, and then
   * nothing uses db_val any more. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "panel.remove", "s", "Lock db_lock"));
  g_assert_null (ilv_scenario_panel_get_field (panel, "Lock db_lock", "Name"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "panel.add-workers", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "panel.remove", "s", "Workers increase"));
  g_assert_null (ilv_scenario_panel_get_field (panel, "Workers increase", "Program"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "panel.remove", "s", "Value db_val"));
  edited = ilv_scenario_panel_get_scenario (panel);
  g_assert_cmpuint (edited->groups->len, ==, 1);
  g_assert_cmpuint (edited->resources->len, ==, 0);
  g_assert_true (run_enabled (window));

  /* While a field is wrong, nothing is added or removed, and Run waits. */
  set_program (panel, "Workers workers", "frobnicate");
  g_assert_false (run_enabled (window));
  add = ilv_app_test_find_widget (GTK_WIDGET (panel), ilv_app_test_is_action, "panel.add-workers");
  g_assert_nonnull (add);
  g_assert_false (gtk_widget_get_sensitive (add));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (add), ==, "Fix the error in the fields first");
  gtk_widget_activate_action (GTK_WIDGET (panel), "panel.add-workers", NULL);
  g_assert_null (ilv_scenario_panel_get_field (panel, "Workers workers2", "Program"));
  set_program (panel, "Workers workers", "compute 1ms");
  g_assert_true (gtk_widget_get_sensitive (add));
}

/* The race loses an update; with db_lock held around the program, none. */
static void
hold_lock_body (IlvWindow *window)
{
  IlvScenarioPanel *panel = load (window, "race-condition");
  g_autoptr(IlvSummary) racy = NULL;
  g_autoptr(IlvSummary) locked = NULL;
  g_autofree char *program = NULL;
  g_autofree char *unwrapped = NULL;
  const IlvValueSummary *value;

  g_assert_cmpstr (held_lock (panel, "Workers increase"), ==, "None");
  racy = run (window);
  value = find_value (racy, "db_val");
  g_assert_nonnull (value);
  g_assert_cmpint (value->lost_updates, >=, 1);
  g_assert_cmpint (value->final, <, value->expected);

  choose_lock (panel, "Workers increase", "db_lock");
  program = get_program (panel, "Workers increase");
  g_assert_true (g_str_has_prefix (program, "with db_lock {"));
  g_assert_true (ilv_scenario_panel_get_valid (panel));
  locked = run (window);
  value = find_value (locked, "db_val");
  g_assert_nonnull (value);
  g_assert_cmpint (value->lost_updates, ==, 0);
  g_assert_cmpint (value->final, ==, 2);
  g_assert_cmpint (value->final, ==, value->expected);

  /* Typing follows: a program wholly inside with shows its lock… */
  set_program (panel, "Workers increase", "load db_val; add 1; store db_val");
  g_assert_cmpstr (held_lock (panel, "Workers increase"), ==, "None");
  set_program (panel, "Workers increase", "with db_lock {\n  load db_val; add 1; store db_val\n}");
  g_assert_cmpstr (held_lock (panel, "Workers increase"), ==, "db_lock");
  /* …and None lets go of it. */
  choose_lock (panel, "Workers increase", "None");
  unwrapped = get_program (panel, "Workers increase");
  g_assert_cmpstr (unwrapped, ==, "load db_val; add 1; store db_val");
  g_assert_true (ilv_scenario_panel_get_valid (panel));
}

/* Renaming a lock renames it in the program that holds it; a bad name is
 * refused at the field; Undo All Edits brings back the loaded sections. */
static void
rename_reset_body (IlvWindow *window)
{
  IlvScenarioPanel *panel = load (window, "race-condition");
  IlvScenario *loaded = ilv_window_get_scenario (window);
  g_autofree char *program = NULL;
  g_autofree char *dir = g_dir_make_tmp ("interleave-structure-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "guarded.scenario", NULL);
  g_autoptr(IlvScenario) saved = NULL;
  g_autoptr(GError) error = NULL;

  choose_lock (panel, "Workers increase", "db_lock");
  rename_to (panel, "Lock db_lock", "guard");
  g_assert_null (ilv_scenario_panel_get_field (panel, "Lock db_lock", "Name"));
  g_assert_nonnull (ilv_scenario_panel_get_field (panel, "Lock guard", "Name"));
  assert_focus_in (panel, ilv_scenario_panel_get_field (panel, "Lock guard", "Name"));
  program = get_program (panel, "Workers increase");
  g_assert_true (g_str_has_prefix (program, "with guard {"));
  g_assert_cmpstr (held_lock (panel, "Workers increase"), ==, "guard");

  rename_to (panel, "Workers increase", "2fast");
  g_assert_nonnull (ilv_scenario_panel_get_error (panel, "Workers increase", "Name"));
  rename_to (panel, "Workers increase", "increment");
  g_assert_nonnull (ilv_scenario_panel_get_field (panel, "Workers increment", "Program"));

  /* What Save As writes is the edited structure. */
  g_assert_true (ilv_window_files_save_scenario (window, path));
  saved = ilv_scenario_new_from_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ilv_scenario_equal (saved, ilv_scenario_panel_get_scenario (panel)));
  g_assert_cmpint (ilv_scenario_find_resource (saved, "guard"), ==, 1);
  g_assert_cmpstr (((IlvWorkerGroup *) g_ptr_array_index (saved->groups, 0))->name, ==, "increment");
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "panel.add-resource", "s", "Barrier"));
  g_assert_nonnull (ilv_scenario_panel_get_field (panel, "Barrier barrier", "Parties"));
  {
    GtkWidget *reset = ilv_app_test_find_widget (GTK_WIDGET (panel), is_label_text,
                                                 "_Undo All Edits");

    g_assert_nonnull (reset);
    reset = gtk_widget_get_ancestor (reset, GTK_TYPE_BUTTON);
    g_assert_true (gtk_widget_get_sensitive (reset));
    g_signal_emit_by_name (reset, "clicked");
  }
  g_assert_true (ilv_scenario_equal (ilv_scenario_panel_get_scenario (panel), loaded));
  g_assert_nonnull (ilv_scenario_panel_get_field (panel, "Lock db_lock", "Name"));
  g_assert_null (ilv_scenario_panel_get_field (panel, "Barrier barrier", "Name"));
  g_assert_cmpstr (held_lock (panel, "Workers increase"), ==, "None");
}

typedef struct
{
  IlvScenarioPanel *panel;
  double            line;
} ProgramHeight;

static gboolean
program_has_its_height (gpointer data)
{
  ProgramHeight *wanted = data;
  GtkWidget *view = ilv_scenario_panel_get_field (wanted->panel, "Workers increase", "Program");

  return view != NULL && gtk_widget_get_mapped (view) && gtk_widget_get_height (view) >= wanted->line;
}

/* A Program field made while the panel is on screen (another scenario
 * chosen) takes the height of its text at once, with nothing scrolled or
 * clicked: GTK 4.8's text view left it an empty sliver. */
static void
program_height_body (IlvWindow *window)
{
  ProgramHeight wanted = { NULL, 0 };
  PangoLayout *layout;
  int line;

  wanted.panel = load (window, "race-condition");
  ilv_app_test_wait_frames (window, 3);
  layout = gtk_widget_create_pango_layout (ilv_scenario_panel_get_field (wanted.panel, "Workers increase", "Program"),
                                           "load db_val");
  pango_layout_get_pixel_size (layout, NULL, &line);
  g_object_unref (layout);
  wanted.line = line;
  g_assert_cmpfloat (wanted.line, >, 8);

  wanted.panel = load (window, "race-condition-10");
  ilv_app_test_wait_until (program_has_its_height, &wanted, "the new Program field to show its text");
}

int
main (int   argc,
      char *argv[])
{
  if (!ilv_app_test_init (&argc, &argv))
    return 0;

  ilv_app_test_add ("/app/scenario-structure/add-and-run", add_and_run_body);
  ilv_app_test_add ("/app/scenario-structure/remove", remove_body);
  ilv_app_test_add ("/app/scenario-structure/hold-lock", hold_lock_body);
  ilv_app_test_add ("/app/scenario-structure/rename-reset", rename_reset_body);
  ilv_app_test_add ("/app/scenario-structure/program-height", program_height_body);

  return g_test_run ();
}
