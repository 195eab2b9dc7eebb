import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { DependencyShapeError } from '../../platform/dependencyShape';
import dimse from './dimse';
import { checkDimseShape } from './libraryShape';

/** dcmjs-dimse with its `Scp` class replaced. */
function withScp(Scp: typeof dimse.Scp): typeof dimse {
  return { ...dimse, Scp } as typeof dimse;
}

/** The problems `checkDimseShape` reports for `lib`. */
function problems(lib: typeof dimse): string[] {
  try {
    checkDimseShape(lib);
  } catch (e) {
    if (e instanceof DependencyShapeError) return e.problems;
    throw e;
  }
  return [];
}

describe('checkDimseShape', () => {
  it('passes on the installed dcmjs-dimse', () => {
    expect(() => checkDimseShape()).not.toThrow();
  });

  it('refuses an SCP that reads its socket through a second listener', () => {
    class TwoListeners extends dimse.Scp {
      constructor(socket: Socket, opts?: ConstructorParameters<typeof dimse.Scp>[1]) {
        super(socket, opts);
        socket.on('data', () => undefined);
      }
    }
    expect(problems(withScp(TwoListeners))).toEqual([
      'an SCP reads its socket through 2 data listeners, not 1',
    ]);
  });

  it('refuses an SCP that runs its own timeouts on an accepted socket', () => {
    class Connected extends dimse.Scp {
      constructor(socket: Socket, opts?: ConstructorParameters<typeof dimse.Scp>[1]) {
        super(socket, opts);
        // As if an upgrade counted every socket as connected from the start.
        (this as unknown as { connected: boolean }).connected = true;
      }
    }
    expect(problems(withScp(Connected))).toEqual([
      'an SCP on an accepted socket counts itself connected, so its own timeouts run',
    ]);
  });

  it('refuses a library whose send converts a dataset already in the accepted syntax', () => {
    // As if dcmjs-dimse re-encoded every dataset it sends, on the event loop.
    class AlwaysConverts extends dimse.Scp {
      _sendDimse(e: { command: { getDataset(): unknown } }) {
        return dimse.Transcoding.transcodeDataset(
          e.command.getDataset() as InstanceType<typeof dimse.Dataset>,
          '1.2.840.10008.1.2.1',
        );
      }
    }
    class Doctored extends AlwaysConverts {}
    expect(problems(withScp(Doctored))).toEqual([
      'a request is no longer sent as it is when its dataset is in the accepted syntax',
    ]);
  });

  it('gives a message that names the package, both versions and what changed', () => {
    class TwoListeners extends dimse.Scp {
      constructor(socket: Socket, opts?: ConstructorParameters<typeof dimse.Scp>[1]) {
        super(socket, opts);
        socket.on('data', () => undefined);
      }
    }
    expect(() => checkDimseShape(withScp(TwoListeners))).toThrow(
      /^dcmjs-dimse 0\.3\.3 is installed, but Telerad relies on its internals as of dcmjs-dimse 0\.3\.3 .*2 data listeners/,
    );
  });
});
