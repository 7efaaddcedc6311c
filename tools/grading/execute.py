"""nbgrader's Execute, except that a kernel lost ends the run, not the grading: the cells run
before keep their outputs (their questions keep their points), and every later code cell gets
the error NotRun (its question scores 0). nbgrader alone would fail the whole notebook, and
the student would get nothing.

A kernel is lost when it dies (the cell that killed it gets KernelDied), or when a cell
interrupted at the timeout leaves it busy (code that catches KeyboardInterrupt, a native call
that does not return): nbclient gives up waiting for the cell's end (Execute's iopub_timeout),
the cell gets KernelStopped, and the kernel is stopped when the run ends. A cell that stops
when interrupted gets nbgrader's CellTimeoutError, and the notebook goes on.
"""

from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat.v4 import new_output
from nbgrader.preprocessors import Execute

TIMED_OUT = "CellTimeoutError"  # nbgrader's error for a cell interrupted at the timeout
KERNEL_DIED, KERNEL_STOPPED, NOT_RUN = "KernelDied", "KernelStopped", "NotRun"


def error(ename, evalue):
    return new_output("error", ename=ename, evalue=evalue, traceback=[f"{ename}: {evalue}"])


class SurvivingExecute(Execute):
    """Configured as nbgrader's Execute (c.Execute.timeout applies)."""

    def preprocess(self, nb, resources=None, km=None):
        self.lost_in = None  # the index of the cell that lost the kernel
        return super().preprocess(nb, resources, km)

    def preprocess_cell(self, cell, resources, index):
        if self.lost_in is not None:
            if cell.cell_type == "code":
                cell.outputs = [error(NOT_RUN, f"the kernel was lost in cell {self.lost_in}")]
            return cell, resources
        try:
            return super().preprocess_cell(cell, resources, index)
        except DeadKernelError:
            self.lost_in = index
            cell.outputs.append(error(KERNEL_DIED, "the kernel died running this cell"))
        except CellTimeoutError:
            self.lost_in = index
            cell.outputs.append(error(KERNEL_STOPPED, "interrupted at the timeout, the kernel "
                                                      "went on running: it was stopped"))
        return cell, resources
