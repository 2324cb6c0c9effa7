import { useEffect, useState } from 'react';
import { getUrl, list, uploadData } from 'aws-amplify/storage';

/** The user's own folder in the sample's media bucket: `private/{entity_id}/*`, which only its owner may read. */
const ownFolder = ({ identityId }) => `private/${identityId}/`;

/** A picture uploaded into the user's own folder, shown back through a URL the storage API signs. */
export function Picture() {
  const [url, setUrl] = useState(null);
  const [status, setStatus] = useState(null);
  const [error, setError] = useState(null);

  const show = async (path) => setUrl((await getUrl({ path, options: { validateObjectExistence: true } })).url.href);

  useEffect(() => {
    let current = true;
    list({ path: ownFolder })
      .then(({ items }) => {
        const latest = items.filter((i) => i.size > 0).sort((a, b) => b.lastModified - a.lastModified)[0];
        return latest && current ? show(latest.path) : null;
      })
      .catch((failure) => current && setError(`Could not list your pictures: ${failure.message}`));
    return () => {
      current = false;
    };
  }, []);

  const upload = async (event) => {
    const file = event.target.files?.[0];
    if (!file) {
      return;
    }
    setError(null);
    setStatus(`Uploading ${file.name}…`);
    try {
      const { path } = await uploadData({
        path: (identity) => ownFolder(identity) + file.name,
        data: file,
        options: { contentType: file.type || 'application/octet-stream' },
      }).result;
      await show(path);
      setStatus(`Uploaded ${file.name}`);
    } catch (failure) {
      setStatus(null);
      setError(`Could not upload ${file.name}: ${failure.message}`);
    } finally {
      event.target.value = '';
    }
  };

  return (
    <section aria-labelledby="picture-heading">
      <h2 id="picture-heading">My picture</h2>
      <label htmlFor="picture-file">Upload a picture</label>
      <input id="picture-file" data-testid="picture-file" type="file" accept="image/*" onChange={upload} />
      {status && <p role="status" data-testid="picture-status">{status}</p>}
      {error && <p role="alert" data-testid="picture-error">{error}</p>}
      {url && <img data-testid="picture" src={url} alt="My picture" className="picture" />}
    </section>
  );
}
