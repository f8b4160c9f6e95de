// The attachments form, enhanced (WEB.md §1.2): several files at once, chosen or dropped on GOV.UK's
// file upload drop zone, each sent on its own through the same form endpoint as without JavaScript
// (`_csrf` first, one file), then the list is shown again. Without this script the form still works.
const form = document.querySelector('form[data-my-files-upload]');

if (form) {
  const input = form.querySelector('input[type="file"]');
  const status = form.querySelector('[data-my-files-status]');
  const button = form.querySelector('button[type="submit"], button:not([type])');
  input.multiple = true;

  const say = (text) => {
    status.textContent = text;
  };

  /** One file through the form endpoint; the page it ends on (a refusal carries `?error=`). */
  const send = async (file) => {
    const body = new FormData();
    body.append('_csrf', form.elements.namedItem('_csrf').value);
    body.append('file', file, file.name);
    const response = await fetch(form.action, { method: 'POST', body, credentials: 'same-origin' });
    return { ok: response.ok, refused: new URL(response.url).searchParams.has('error'), url: response.url };
  };

  form.addEventListener('submit', async (event) => {
    const files = Array.from(input.files);
    if (files.length === 0) {
      return; // the server answers "choose a file"
    }
    event.preventDefault();
    button.disabled = true;
    let next = form.action;
    try {
      for (const [index, file] of files.entries()) {
        say(
          form.dataset.uploading
            .replace('{number}', String(index + 1))
            .replace('{total}', String(files.length))
            .replace('{name}', file.name),
        );
        const result = await send(file);
        if (result.refused) {
          next = result.url;
        } else if (!result.ok) {
          break; // an error page (the practice is no longer editable…): the list shows where things are
        }
      }
    } catch {
      say(form.dataset.failed);
      button.disabled = false;
      return;
    }
    window.location.assign(next);
  });
}
