"""What the local AWS holds (stacks, user pools and users, tables and records, buckets and files, ...), kept in a
directory across restarts, as a sandbox on AWS keeps its resources.

moto holds each service's state in plain Python objects, one backend per service, account and region. They are saved
with pickle to <state dir>/state.pickle: when the server stops (SIGTERM or Ctrl-C) and, while it runs, every few
seconds after a request that may have changed something, so that a killed server loses at most those seconds. On
start, a saved state is loaded back before the server answers. A file saved by another version of moto or of these
modules may not load: the server then says so and refuses to start, rather than silently starting empty.
"""
import logging
import os
import pickle
import sys
import tempfile
import threading
import time

logger = logging.getLogger("gen2.localaws")

STATE_FILE = "state.pickle"
ISSUED_CREDENTIALS = "gen2:issued-credentials"
INBOX = "gen2:inbox"
APPSYNC = "gen2:appsync"
SAVE_EVERY_SECONDS = 5.0
_READ_ONLY_METHODS = ("GET", "HEAD", "OPTIONS")


def _loaded_backends():
    """The services moto has imported so far: only they can hold anything."""
    from moto.backends import get_backend, list_of_moto_modules
    from moto.core.base_backend import BackendDict
    backends = {}
    for name in list_of_moto_modules():
        if f"moto.{name}" in sys.modules:
            try:
                backend = get_backend(name)
            except Exception:  # noqa: BLE001 - a module that is not a service
                continue
            if isinstance(backend, BackendDict):  # moto's own API keeps nothing of a user's
                backends[name] = backend
    return backends


def _snapshot():
    """{service: {account: {region: backend}}} of every loaded service, the credentials the local AWS issued, the
    messages in its inbox and the AppSync resources the GraphQL service serves."""
    import appsync_state
    import cognito_inbox
    import iam_credentials
    state = {ISSUED_CREDENTIALS: iam_credentials.all_issued(), INBOX: cognito_inbox.all_messages(),
             APPSYNC: appsync_state.all_live()}
    for name, backend_dict in _loaded_backends().items():
        accounts = {}
        for account in list(backend_dict.keys()):
            regions = {region: backend_dict[account][region] for region in list(backend_dict[account].keys())}
            if regions:
                accounts[account] = regions
        if accounts:
            state[name] = accounts
    return state


def _weak_values(mapping):
    """A WeakValueDictionary written as its items: the values are held elsewhere in the same state (moto's Lambda
    keeps functions in a dict and indexes them by ARN weakly), so they stay alive once loaded."""
    import weakref
    return weakref.WeakValueDictionary, (dict(mapping),)


def _portable_factory(factory):
    """A defaultdict's factory that pickle can write: itself, or, for a lambda making an empty dict, list, set or
    defaultdict (moto writes `defaultdict(lambda: {})` and `defaultdict(lambda: defaultdict(dict))`), the same made
    from types."""
    import collections
    import functools
    try:
        pickle.dumps(factory)
        return factory
    except Exception:  # noqa: BLE001 - a local lambda
        made = factory()
        if isinstance(made, collections.defaultdict) and not made:
            return functools.partial(collections.defaultdict, _portable_factory(made.default_factory))
        if type(made) in (dict, list, set) and not made:
            return type(made)
        raise


def _default_dict(mapping):
    """A defaultdict, or a subclass whose constructor takes other arguments (moto's SSM ParameterDict), rebuilt
    without calling that constructor: the factory, the items and the instance's attributes."""
    return _rebuilt_default_dict, (type(mapping), _portable_factory(mapping.default_factory), dict(mapping),
                                   dict(getattr(mapping, "__dict__", {})))


def _rebuilt_default_dict(cls, factory, items, attributes):
    import collections
    mapping = cls.__new__(cls)
    collections.defaultdict.__init__(mapping, factory, items)
    if attributes:
        mapping.__dict__.update(attributes)
    return mapping


def _make_picklable():
    """What moto keeps that pickle cannot write: weak indexes, defaultdicts of lambdas, locks, and a user pool's
    signing key (loaded again from moto's own file)."""
    import copyreg
    import weakref
    import collections
    import threading
    copyreg.pickle(weakref.WeakValueDictionary, _weak_values)
    # a lock guards the running process only: a loaded state gets a fresh one
    copyreg.pickle(type(threading.Lock()), lambda lock: (threading.Lock, ()))
    copyreg.pickle(type(threading.RLock()), lambda lock: (threading.RLock, ()))
    copyreg.pickle(collections.defaultdict, _default_dict)
    from moto.ssm.models import ParameterDict
    ParameterDict.__reduce__ = _default_dict
    from moto.cognitoidp.models import CognitoIdpUserPool
    from joserfc import jwk
    from moto.utilities.utils import load_resource
    import moto.cognitoidp.models as cognito_models

    def getstate(pool):
        state = dict(pool.__dict__)
        state.pop("json_web_key", None)
        return state

    def setstate(pool, state):
        pool.__dict__.update(state)
        pool.json_web_key = jwk.RSAKey.import_key(load_resource(cognito_models.__name__, "resources/jwks-private.json"))

    CognitoIdpUserPool.__getstate__ = getstate
    CognitoIdpUserPool.__setstate__ = setstate
    # Our CloudFormation models are filed under a module name moto's metaclass wants; pickle finds them there.
    import types
    import cfn_resources
    parts = cfn_resources.MODEL_MODULE.split(".")
    for depth in range(1, len(parts)):
        sys.modules.setdefault(".".join(parts[:depth]), types.ModuleType(".".join(parts[:depth])))
    sys.modules.setdefault(cfn_resources.MODEL_MODULE, cfn_resources)


def _pickled(state):
    """The whole state as bytes, in one pickle so that what services share (a stack's resource and the pool it made)
    stays one object. A service pickle cannot write is named in the error."""
    try:
        return pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL)
    except RuntimeError:
        raise
    except Exception as error:  # noqa: BLE001 - find which service holds what cannot be written
        for name, accounts in state.items():
            try:
                pickle.dumps(accounts, protocol=pickle.HIGHEST_PROTOCOL)
            except Exception as cause:  # noqa: BLE001
                raise TypeError(f"moto's {name} holds what cannot be saved: {cause}") from error
        raise


class LocalState:
    def __init__(self, directory):
        self.directory = directory
        self.file = os.path.join(directory, STATE_FILE)
        self.lock = threading.Lock()
        self.changed = False

    def load(self):
        """Puts a saved state back into moto's backends; False when there is none."""
        if not os.path.exists(self.file):
            return False
        try:
            with open(self.file, "rb") as handle:
                state = pickle.load(handle)
        except Exception as error:  # noqa: BLE001 - any unreadable file gets the same answer
            raise SystemExit(f"The local AWS's saved state in {self.file} cannot be read ({type(error).__name__}: "
                             f"{error}). Start with --reset to start empty, or delete that directory.") from error
        from moto.backends import get_backend
        import appsync_state
        import cognito_inbox
        import iam_credentials
        iam_credentials.restore(state.pop(ISSUED_CREDENTIALS, {}))
        cognito_inbox.restore(state.pop(INBOX, []))
        appsync_state.restore(state.pop(APPSYNC, []))
        for name, accounts in state.items():
            backend_dict = get_backend(name)
            for account, regions in accounts.items():
                for region, backend in regions.items():
                    backend_dict[account][region] = backend
        return True

    def save(self):
        """Writes the state atomically (a temporary file renamed), so a crash mid-write keeps the previous one."""
        with self.lock:
            self.changed = False  # a change made while this one is written marks it again
            for attempt in range(5):
                try:
                    data = _pickled(_snapshot())
                    break
                except RuntimeError:  # a request changed a dict while it was written: try again
                    time.sleep(0.2)
            else:
                logger.warning("the local AWS's state could not be saved: it kept changing")
                self.changed = True
                return
            os.makedirs(self.directory, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.directory, prefix=".state-")
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, self.file)

    def saving_regularly(self):
        """A daemon thread saving every few seconds after a change."""
        def loop():
            while True:
                time.sleep(SAVE_EVERY_SECONDS)
                if self.changed:
                    try:
                        self.save()
                    except Exception:  # noqa: BLE001 - the next round tries again
                        logger.exception("saving the local AWS's state failed")
        threading.Thread(target=loop, daemon=True, name="local-state").start()

    def watching(self, app):
        """WSGI middleware marking the state changed after any request that is not a read."""
        def middleware(environ, start_response):
            if environ.get("REQUEST_METHOD") not in _READ_ONLY_METHODS:
                self.changed = True
                try:
                    return app(environ, start_response)
                finally:
                    self.changed = True  # and after: a save taken while it ran may not hold it
            return app(environ, start_response)
        return middleware


def apply(directory):
    _make_picklable()
    return LocalState(directory)
