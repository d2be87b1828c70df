// Progressive enhancement only: every page works without this file.
import {
  Button,
  CharacterCount,
  Checkboxes,
  createAll,
  ErrorSummary,
  ExitThisPage,
  Radios,
  SkipLink,
} from "govuk-frontend";
import { initTimeoutWarning } from "./timeout-warning.mjs";

// GOV.UK Frontend styles its JavaScript features from these body classes, usually set by an
// inline script, which our Content-Security-Policy does not allow. A module script only runs in
// browsers GOV.UK Frontend supports, so reaching this line is the support check.
document.body.classList.add("js-enabled", "govuk-frontend-supported");
for (const Component of [Button, CharacterCount, Checkboxes, ErrorSummary, ExitThisPage, Radios, SkipLink]) {
  createAll(Component);
}

const timeoutDialog = document.querySelector("[data-module=app-timeout-warning]");
if (timeoutDialog) {
  initTimeoutWarning(timeoutDialog);
}
