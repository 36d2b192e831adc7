import { Component, ComponentChildren } from 'preact';

/** A screen that throws shows a sentence and a way on, never a blank page. */
export class ErrorBoundary extends Component<{ children: ComponentChildren }, { failed: boolean }> {
  state = { failed: false };

  componentDidCatch(error: unknown) {
    console.error(error);
    this.setState({ failed: true });
  }

  render() {
    if (this.state.failed) {
      return (
        <div class="problem" role="alert">
          <strong>Something went wrong showing this page.</strong> <a href={location.pathname + location.search}>Reload it</a> or <a href="/">go to search</a>.
        </div>
      );
    }
    return this.props.children;
  }
}
