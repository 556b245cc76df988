// Small browser helpers the Blazor pages call through JS interop.
window.portal = {
  // Drag-and-drop (or chosen) file → streamed multipart POST with upload progress; the page gets
  // OnUploadProgress(loaded, total), then OnUploaded(json) or OnUploadFailed(message).
  attachUpload(zone, input, url, page) {
    const send = (file) => {
      if (!file) return;
      const form = new FormData();
      form.append("file", file, file.name);
      const xhr = new XMLHttpRequest();
      xhr.open("POST", url);
      xhr.upload.onprogress = (e) => page.invokeMethodAsync("OnUploadProgress", e.loaded, e.lengthComputable ? e.total : file.size);
      xhr.onload = () => {
        if (xhr.status >= 200 && xhr.status < 300) {
          page.invokeMethodAsync("OnUploaded", xhr.responseText);
        } else {
          let message = `Upload failed (HTTP ${xhr.status}).`;
          try { const problem = JSON.parse(xhr.responseText); message = problem.detail || problem.title || message; } catch { }
          page.invokeMethodAsync("OnUploadFailed", message);
        }
      };
      xhr.onerror = () => page.invokeMethodAsync("OnUploadFailed", "The upload was interrupted (network error).");
      page.invokeMethodAsync("OnUploadStarted", file.name, file.size);
      xhr.send(form);
    };
    zone.addEventListener("dragover", (e) => { e.preventDefault(); zone.classList.add("drag-over"); });
    zone.addEventListener("dragleave", () => zone.classList.remove("drag-over"));
    zone.addEventListener("drop", (e) => {
      e.preventDefault();
      zone.classList.remove("drag-over");
      send(e.dataTransfer.files[0]);
    });
    input.addEventListener("change", () => { send(input.files[0]); input.value = ""; });
    // Says the zone is live: a file chosen before this would go nowhere (browser tests wait for it).
    zone.dataset.ready = "true";
  },

  // Single-key shortcuts for a page, ignored while typing in a field or with a modifier key held.
  attachShortcuts(page, keys) {
    const handler = (e) => {
      const t = e.target;
      if (!keys.includes(e.key) || e.ctrlKey || e.metaKey || e.altKey) return;
      if (t && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName))) return;
      if (document.querySelector(".rz-dialog")) return;
      e.preventDefault();
      page.invokeMethodAsync("OnShortcut", e.key);
    };
    document.addEventListener("keydown", handler);
    return { dispose: () => document.removeEventListener("keydown", handler) };
  },
};
